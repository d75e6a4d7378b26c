import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReportCadence, ReportRunDto, ReportRunStatus } from '@escapement/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { modifyReturning } from '../common/sql';

export interface ReportScheduleRow {
  id: string;
  team_id: string | null;
  team_name: string | null;
  cadence: ReportCadence;
  recipients: string[];
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ReportRunRow {
  id: string;
  schedule_id: string | null;
  period: string;
  period_from: string;
  period_to: string;
  title: string;
  team_name: string | null;
  trigger: 'schedule' | 'manual';
  status: ReportRunStatus;
  recipients: string[];
  error: string | null;
  attempts: number;
  next_attempt_at: Date | null;
  pdf_bytes: number | null;
  created_at: Date;
}

/** What producing a run came to; `nextAttemptAt` is when a failed one is tried again (null: not). */
export interface ReportRunOutcome {
  title: string;
  status: ReportRunStatus;
  error: string | null;
  pdf: Buffer | null;
  /** Whom it was mailed (or was to be mailed) to: a retry mails the schedule's recipients of its time. */
  recipients: string[];
  nextAttemptAt: Date | null;
}

/** A run as claimed: the archive's shape without what the database assigns, for a schedule that exists, with the PDF itself. */
export type NewReportRun = Omit<ReportRunDto, 'id' | 'scheduleId' | 'attempts' | 'nextAttemptAt' | 'pdfBytes' | 'createdAt'> & { scheduleId: string; pdf: Buffer | null };

const SELECT_SCHEDULE = `
  SELECT s.id, s.team_id, t.name AS team_name, s.cadence, s.recipients, s.created_by, s.created_at, s.updated_at
    FROM report_schedules s LEFT JOIN teams t ON t.id = s.team_id`;

const SELECT_RUN = `
  SELECT r.id, r.schedule_id, r.period, to_char(r.period_from, 'YYYY-MM-DD') AS period_from, to_char(r.period_to, 'YYYY-MM-DD') AS period_to,
         r.title, r.team_name, r.trigger, r.status, r.recipients, r.error, r.attempts, r.next_attempt_at, octet_length(r.pdf) AS pdf_bytes, r.created_at
    FROM report_runs r`;

/** Report schedules and the archive of their runs (the PDFs themselves are read only for a download). */
@Injectable()
export class ReportSchedulesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, schedule: { teamId: string | null; cadence: ReportCadence; recipients: string[]; createdBy: string }): Promise<string> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO report_schedules (team_id, cadence, recipients, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [schedule.teamId, schedule.cadence, schedule.recipients, schedule.createdBy],
    );
    return row.id;
  }

  async update(manager: EntityManager, id: string, change: { cadence: ReportCadence; recipients: string[] }): Promise<void> {
    await manager.query(`UPDATE report_schedules SET cadence = $2, recipients = $3, updated_at = now() WHERE id = $1`, [id, change.cadence, change.recipients]);
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM report_schedules WHERE id = $1`, [id]);
  }

  async find(runner: EntityManager | DataSource, id: string): Promise<ReportScheduleRow | null> {
    const [row] = await runner.query(`${SELECT_SCHEDULE} WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  list(): Promise<ReportScheduleRow[]> {
    return this.dataSource.query(`${SELECT_SCHEDULE} ORDER BY s.created_at, s.id`);
  }

  /**
   * Claims a schedule's period for this transaction. The unique (schedule, period) index makes a second
   * claimant (another instance, a second click) wait until this one commits and then get false.
   */
  async claim(manager: EntityManager, run: NewReportRun): Promise<string | null> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO report_runs (schedule_id, period, period_from, period_to, title, team_name, trigger, status, recipients, error, pdf)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (schedule_id, period) DO NOTHING RETURNING id`,
      [run.scheduleId, run.period, run.from, run.to, run.title, run.teamName, run.trigger, run.status, run.recipients, run.error, run.pdf],
    );
    return row?.id ?? null;
  }

  async complete(manager: EntityManager, id: string, outcome: ReportRunOutcome): Promise<void> {
    await manager.query(`UPDATE report_runs SET title = $2, status = $3, error = $4, pdf = $5, next_attempt_at = $6, recipients = $7 WHERE id = $1`, [
      id,
      outcome.title,
      outcome.status,
      outcome.error,
      outcome.pdf,
      outcome.nextAttemptAt,
      outcome.recipients,
    ]);
  }

  /**
   * Claims the automatic retry of a failed run that is due at `now`, counting the attempt. The row stays
   * locked until the transaction commits with the outcome; a concurrent claimant then re-reads it, finds it
   * no longer due, and gets null.
   */
  async claimRetry(manager: EntityManager, id: string, now: Date): Promise<{ attempts: number } | null> {
    const rows = await modifyReturning<{ attempts: number }>(
      manager,
      `UPDATE report_runs SET attempts = attempts + 1 WHERE id = $1 AND status = 'failed' AND next_attempt_at <= $2 RETURNING attempts`,
      [id, now],
    );
    return rows[0] ?? null;
  }

  /** A failed run may be tried again by hand: it gives way to the new attempt. */
  async removeFailed(manager: EntityManager, scheduleId: string, period: string): Promise<void> {
    await manager.query(`DELETE FROM report_runs WHERE schedule_id = $1 AND period = $2 AND status = 'failed'`, [scheduleId, period]);
  }

  async findRun(runner: EntityManager | DataSource, id: string): Promise<ReportRunRow | null> {
    const [row] = await runner.query(`${SELECT_RUN} WHERE r.id = $1`, [id]);
    return row ?? null;
  }

  async findRunOf(runner: EntityManager | DataSource, scheduleId: string, period: string): Promise<ReportRunRow | null> {
    const [row] = await runner.query(`${SELECT_RUN} WHERE r.schedule_id = $1 AND r.period = $2`, [scheduleId, period]);
    return row ?? null;
  }

  listRuns(scheduleId?: string): Promise<ReportRunRow[]> {
    return scheduleId
      ? this.dataSource.query(`${SELECT_RUN} WHERE r.schedule_id = $1 ORDER BY r.created_at DESC, r.id LIMIT 500`, [scheduleId])
      : this.dataSource.query(`${SELECT_RUN} ORDER BY r.created_at DESC, r.id LIMIT 500`);
  }

  async pdf(id: string): Promise<Buffer | null> {
    const [row]: { pdf: Buffer | null }[] = await this.dataSource.query(`SELECT pdf FROM report_runs WHERE id = $1`, [id]);
    return row?.pdf ?? null;
  }
}
