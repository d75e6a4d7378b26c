import { Module } from '@nestjs/common';
import { ThreatModelImporter } from './threat-model-importer';
import { ThreatModelParser } from './threat-model-parser';
import { ThreatModelRepository } from './threat-model.repository';
import { ThreatModelsController } from './threat-models.controller';
import { ThreatModelsService } from './threat-models.service';
import { AuditModule } from '../audit/audit.module';
import { ServicesModule } from '../services/services.module';
import { LinksModule } from '../links/links.module';

@Module({
  imports: [AuditModule, ServicesModule, LinksModule],
  controllers: [ThreatModelsController],
  providers: [ThreatModelImporter, ThreatModelParser, ThreatModelRepository, ThreatModelsService],
})
export class ThreatModelsModule {}
