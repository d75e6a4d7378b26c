import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  cadencePeriod,
  contentDisposition,
  exportFileName,
  lastCompletePeriod,
  nextReportAttempt,
  rateWithCounts,
  type ReportCadence,
  type ReportPeriod,
  type TeamReportDto,
} from '@escapement/domain';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import type { TokenPrincipal } from '../auth/principal';
import { invalid, notFound } from '../common/domain-error';
import { ReportsService } from '../reports/reports.service';
import { TeamsRepository } from '../teams/teams.repository';
import { mapRun, mapSchedule, type ReportRunResponse, type ReportScheduleResponse } from './report-schedule.dto';
import { ReportMailer } from './report-mailer';
import { ReportSchedulesRepository, type ReportRunOutcome, type ReportRunRow, type ReportScheduleRow } from './report-schedules.repository';

/** Who produces scheduled reports: organisation-wide reading, named so in the audit log. */
const SCHEDULER: TokenPrincipal = { kind: 'token', id: 'report-schedule', name: 'report-schedule', scopes: ['read'], teams: null };

const recipientsOf = (recipients: string[]) => [...new Set(recipients.map((r) => r.trim().toLowerCase()))];

/** Report schedules (an administrator's), and producing one schedule's report for one period, once. */
@Injectable()
export class ReportSchedulesService {
  private readonly logger = new Logger('ReportSchedules');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schedules: ReportSchedulesRepository,
    private readonly teams: TeamsRepository,
    private readonly reports: ReportsService,
    private readonly mailer: ReportMailer,
    private readonly audit: AuditLog,
  ) {}

  async create(request: { teamId?: string | null; cadence: ReportCadence; recipients: string[] }, actor: string): Promise<ReportScheduleResponse> {
    const teamId = request.teamId ?? null;
    const recipients = recipientsOf(request.recipients);
    const id = await this.dataSource.transaction(async (manager) => {
      if (teamId && !(await this.teams.exists(teamId, manager))) throw invalid(`Team ${teamId} does not exist`, [{ pointer: '/teamId', message: 'no such team' }]);
      const id = await this.schedules.insert(manager, { teamId, cadence: request.cadence, recipients, createdBy: actor });
      await this.audit.record(manager, { actor, action: 'report_schedule.created', subjectType: 'report_schedule', subjectId: id, details: { teamId, cadence: request.cadence, recipients } });
      return id;
    });
    return mapSchedule((await this.schedules.find(this.dataSource, id))!);
  }

  async list(): Promise<ReportScheduleResponse[]> {
    return (await this.schedules.list()).map(mapSchedule);
  }

  async update(id: string, change: { cadence?: ReportCadence; recipients?: string[] }, actor: string): Promise<ReportScheduleResponse> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.schedules.find(manager, id);
      if (!row) throw notFound('Report schedule', id);
      const next = { cadence: change.cadence ?? row.cadence, recipients: change.recipients ? recipientsOf(change.recipients) : row.recipients };
      await this.schedules.update(manager, id, next);
      await this.audit.record(manager, { actor, action: 'report_schedule.updated', subjectType: 'report_schedule', subjectId: id, details: { before: { cadence: row.cadence, recipients: row.recipients }, after: next } });
    });
    return mapSchedule((await this.schedules.find(this.dataSource, id))!);
  }

  /** The schedule goes; the reports it produced stay in the archive. */
  async remove(id: string, actor: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.schedules.find(manager, id);
      if (!row) throw notFound('Report schedule', id);
      await this.schedules.remove(manager, id);
      await this.audit.record(manager, { actor, action: 'report_schedule.deleted', subjectType: 'report_schedule', subjectId: id, details: { teamId: row.team_id, cadence: row.cadence, recipients: row.recipients } });
    });
  }

  async runs(scheduleId?: string): Promise<ReportRunResponse[]> {
    return (await this.schedules.listRuns(scheduleId)).map(mapRun);
  }

  /** An archived run's PDF, with the file name it was mailed under; audited like any report taken away. */
  async download(id: string, actor: string): Promise<{ pdf: Buffer; disposition: string }> {
    const run = await this.schedules.findRun(this.dataSource, id);
    const pdf = run && (await this.schedules.pdf(id));
    if (!run || !pdf) throw notFound('Archived report', id);
    await this.audit.record(this.dataSource.manager, { actor, action: 'report_run.downloaded', subjectType: 'report_run', subjectId: id, details: { period: run.period, title: run.title } });
    return { pdf, disposition: contentDisposition(fileNameOf(run.period, run.team_name, run.created_at)) };
  }

  /** "Run now": the given period of the schedule's cadence, or the last complete one. A failed run is tried again. */
  async runNow(id: string, periodKey: string | undefined, actor: string, now = new Date()): Promise<ReportRunResponse> {
    const schedule = await this.schedules.find(this.dataSource, id);
    if (!schedule) throw notFound('Report schedule', id);
    const period = periodKey ? cadencePeriod(schedule.cadence, periodKey) : lastCompletePeriod(schedule.cadence, now);
    if (!period) throw invalid(`A ${schedule.cadence} schedule runs for ${schedule.cadence === 'monthly' ? 'a month such as 2026-11' : 'a quarter such as 2026-Q3'}`, [{ pointer: '/period', message: `${periodKey} is not a ${schedule.cadence === 'monthly' ? 'month' : 'quarter'}` }]);
    if (period.from >= now.toISOString().slice(0, 10)) throw invalid('That period has not begun yet', [{ pointer: '/period', message: `${periodKey} is in the future` }]);
    return this.run(schedule, period, 'manual', actor, now);
  }

  /**
   * The scheduler's tick: every schedule whose last complete period has no run yet produces it, and a
   * failed run of that period whose next attempt is due is tried again.
   */
  async runDue(now: Date): Promise<void> {
    for (const schedule of await this.schedules.list()) {
      const period = lastCompletePeriod(schedule.cadence, now);
      const existing = await this.schedules.findRunOf(this.dataSource, schedule.id, period.label);
      if (!existing) await this.run(schedule, period, 'schedule', 'token:report-schedule', now);
      else if (existing.status === 'failed' && existing.next_attempt_at && existing.next_attempt_at <= now) await this.retry(schedule, period, existing, now);
    }
  }

  /**
   * Produces, archives and mails one schedule's report for one period, at most once: the run's row is
   * claimed first in a transaction that commits with the outcome, so a concurrent claimant (another
   * instance) waits and then finds the run made. A crash before the commit leaves nothing, and the next
   * tick produces the period again; mail is sent before the commit, so such a crash may mail it twice.
   */
  private async run(schedule: ReportScheduleRow, period: ReportPeriod, trigger: 'schedule' | 'manual', actor: string, now: Date): Promise<ReportRunResponse> {
    const runId = await this.dataSource.transaction(async (manager) => {
      if (trigger === 'manual') await this.schedules.removeFailed(manager, schedule.id, period.label);
      const claimed = await this.schedules.claim(manager, {
        scheduleId: schedule.id, period: period.label, from: period.from, to: period.to, title: `${schedule.team_name ?? 'Organisation'} — security report, ${period.label}`,
        teamName: schedule.team_name, trigger, status: 'failed', recipients: schedule.recipients, error: 'interrupted', pdf: null,
      });
      if (!claimed) return null;
      const outcome = await this.produce(schedule, period, 1, now);
      await this.schedules.complete(manager, claimed, outcome);
      await this.audit.record(manager, {
        actor, action: 'report_run.completed', subjectType: 'report_run', subjectId: claimed,
        details: { scheduleId: schedule.id, period: period.label, trigger, status: outcome.status, recipients: schedule.recipients, error: outcome.error, nextAttemptAt: outcome.nextAttemptAt },
      });
      this.logger.log(`report schedule ${schedule.id}, ${period.label}: ${outcome.status}${outcome.error ? ` (${outcome.error})` : ''}`);
      return claimed;
    });
    const run = runId ? await this.schedules.findRun(this.dataSource, runId) : await this.schedules.findRunOf(this.dataSource, schedule.id, period.label);
    return mapRun(run!);
  }

  /**
   * The hourly tick's next attempt at a failed run: produced and mailed again (to the schedule's recipients
   * of now), in place, once even if two instances tick together; after the last allowed attempt it stays
   * failed with no next attempt.
   */
  private async retry(schedule: ReportScheduleRow, period: ReportPeriod, run: ReportRunRow, now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const claimed = await this.schedules.claimRetry(manager, run.id, now);
      if (!claimed) return;
      const outcome = await this.produce(schedule, period, claimed.attempts, now);
      await this.schedules.complete(manager, run.id, outcome);
      await this.audit.record(manager, {
        actor: 'token:report-schedule', action: 'report_run.retried', subjectType: 'report_run', subjectId: run.id,
        details: { scheduleId: schedule.id, period: period.label, attempt: claimed.attempts, status: outcome.status, recipients: schedule.recipients, error: outcome.error, nextAttemptAt: outcome.nextAttemptAt },
      });
      this.logger.log(`report schedule ${schedule.id}, ${period.label}, attempt ${claimed.attempts}: ${outcome.status}${outcome.error ? ` (${outcome.error})` : ''}`);
    });
  }

  /** One attempt at a run; a failed one says when it is tried again (`attempt` counts this one). */
  private async produce(schedule: ReportScheduleRow, period: ReportPeriod, attempt: number, now: Date): Promise<ReportRunOutcome> {
    const { recipients } = schedule;
    // Only the last complete period is retried by the tick; an older one is tried again by "run now".
    const retried = lastCompletePeriod(schedule.cadence, now).label === period.label;
    const failed = (title: string, error: string, pdf: Buffer | null): ReportRunOutcome => ({ title, status: 'failed', error, pdf, recipients, nextAttemptAt: retried ? nextReportAttempt(attempt, now) : null });
    let rendered: { pdf: Buffer; report: TeamReportDto };
    try {
      const request = schedule.cadence === 'quarterly' ? { quarter: period.label } : { from: period.from, to: period.to };
      rendered = await this.reports.renderTeamPdf({ ...request, team: schedule.team_id ?? undefined }, SCHEDULER);
    } catch (error) {
      return failed(`${schedule.team_name ?? 'Organisation'} — security report, ${period.label}`, `the report could not be produced: ${(error as Error).message}`, null);
    }
    const { pdf, report } = rendered;
    if (!this.mailer.configured) return { title: report.title, status: 'archived', error: null, pdf, recipients, nextAttemptAt: null };
    try {
      await this.mailer.send({
        to: recipients,
        subject: report.title,
        text: mailText(schedule.cadence, report),
        attachment: { filename: fileNameOf(period.label, report.team, new Date(report.generatedAt)), content: pdf },
      });
      return { title: report.title, status: 'mailed', error: null, pdf, recipients, nextAttemptAt: null };
    } catch (error) {
      return failed(report.title, `the report was archived but could not be mailed: ${(error as Error).message}`, pdf);
    }
  }
}

function fileNameOf(period: string, team: string | null, at: Date): string {
  return exportFileName(`report ${period}`, team, at, 'pdf');
}

function mailText(cadence: ReportCadence, report: TeamReportDto): string {
  return [
    `${report.title}`,
    '',
    `Your ${cadence} Escapement report for ${report.period.label} is attached as a PDF.`,
    `Escape rate past CI: ${rateWithCounts(report.headline.all.current)} (${report.previousPeriod.label}: ${rateWithCounts(report.headline.all.previous)}).`,
    '',
    ...report.nextSteps.slice(0, 3).map((step) => `- ${step}`),
    '',
    'You receive this because an administrator added you to a report schedule.',
  ].join('\n');
}
