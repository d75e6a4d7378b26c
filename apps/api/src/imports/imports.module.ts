import { Module } from '@nestjs/common';
import { ImportRunner } from './import-runner';
import { ImportSeenRepository } from './import-seen.repository';
import { ImportUploadRepository } from './import-upload.repository';
import { ImportWorker } from './import-worker';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { UploadBudget } from './upload-budget';
import { AuditModule } from '../audit/audit.module';
import { ServicesModule } from '../services/services.module';
import { FindingsModule } from '../findings/findings.module';
import { ImportLogModule } from './import-log.module';

@Module({
  imports: [AuditModule, ServicesModule, FindingsModule, ImportLogModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportRunner, ImportSeenRepository, ImportWorker, ImportUploadRepository, UploadBudget],
})
export class ImportsModule {}
