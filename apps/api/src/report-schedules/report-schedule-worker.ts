import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import { JobQueue } from '../jobs/job-queue';
import { ReportSchedulesService } from './report-schedules.service';

export const REPORT_SCHEDULE_QUEUE = 'report-schedules';
/** Hourly: a period's report goes out within the hour after the period ends (UTC). */
export const REPORT_SCHEDULE_CRON = '5 * * * *';

/** A tick of the scheduler; `now` stands in for the tick's time when a job is sent by hand (tests, operators). */
export interface ReportScheduleTick {
  now?: string;
}

/**
 * Drives report schedules from the shared job queue: pg-boss keeps the cron in PostgreSQL and sends one
 * job per tick for all instances together, so schedules survive restarts and need no timer in a process.
 */
@Injectable()
export class ReportScheduleWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReportSchedules');

  constructor(
    private readonly queue: JobQueue,
    private readonly service: ReportSchedulesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.createQueue(REPORT_SCHEDULE_QUEUE, { retryLimit: 2, retryDelaySeconds: 60, expireInHours: 1 });
    await this.queue.schedule(REPORT_SCHEDULE_QUEUE, REPORT_SCHEDULE_CRON);
    await this.queue.work<ReportScheduleTick>(REPORT_SCHEDULE_QUEUE, (job) => this.tick(job));
  }

  private async tick(job: PgBoss.JobWithMetadata<ReportScheduleTick>): Promise<void> {
    const now = job.data?.now ? new Date(job.data.now) : new Date();
    if (Number.isNaN(now.getTime())) return this.logger.error(`report schedule tick ${job.id}: bad time ${job.data.now}`);
    await this.service.runDue(now);
  }
}
