import { Module } from '@nestjs/common';
import { ClassificationController } from './classification.controller';
import { ClassificationService } from './classification.service';
import { Reclassifier } from './reclassifier';
import { AuditModule } from '../audit/audit.module';

@Module({ imports: [AuditModule], controllers: [ClassificationController], providers: [ClassificationService, Reclassifier] })
export class ClassificationModule {}
