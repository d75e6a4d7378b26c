import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ReportsModule } from '../reports/reports.module';
import { TeamsModule } from '../teams/teams.module';
import { ReportMailer } from './report-mailer';
import { ReportScheduleWorker } from './report-schedule-worker';
import { ReportSchedulesController } from './report-schedules.controller';
import { ReportSchedulesRepository } from './report-schedules.repository';
import { ReportSchedulesService } from './report-schedules.service';

/** Scheduled report delivery: schedules, the archive of runs, the cron tick on the job queue and the mailer. */
@Module({
  imports: [AuditModule, TeamsModule, ReportsModule],
  controllers: [ReportSchedulesController],
  providers: [ReportSchedulesService, ReportSchedulesRepository, ReportMailer, ReportScheduleWorker],
})
export class ReportSchedulesModule {}
