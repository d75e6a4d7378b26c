import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TeamsModule } from '../teams/teams.module';
import { AdoptionsModule } from '../adoptions/adoptions.module';
import { ChangesModule } from '../changes/changes.module';
import { FindingsModule } from '../findings/findings.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Team and organisation reports; `ReportsService.renderTeamPdf` is what scheduled delivery calls. */
@Module({
  imports: [AuditModule, TeamsModule, MetricsModule, ChangesModule, FindingsModule, AdoptionsModule],
  controllers: [ReportsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
