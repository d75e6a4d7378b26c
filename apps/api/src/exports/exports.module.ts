import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TeamsModule } from '../teams/teams.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { ChangesModule } from '../changes/changes.module';
import { MetricsModule } from '../metrics/metrics.module';
import { FindingExportRepository } from './finding-export.repository';
import { MetricExportsService } from './metric-exports.service';

@Module({
  imports: [AuditModule, TeamsModule, MetricsModule, ChangesModule],
  controllers: [ExportsController],
  providers: [ExportsService, MetricExportsService, FindingExportRepository],
  exports: [ExportsService],
})
export class ExportsModule {}
