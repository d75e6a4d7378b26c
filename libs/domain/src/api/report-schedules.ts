import type { ReportCadence } from '../reports/report-period';

/** A report mailed (and archived) every month or quarter: `GET /api/v1/report-schedules`. */
export interface ReportScheduleDto {
  id: string;
  /** null: the organisation's report. */
  teamId: string | null;
  teamName: string | null;
  cadence: ReportCadence;
  recipients: string[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** mailed: sent to every recipient; archived: kept only (no SMTP server configured); failed: see `error`. */
export const REPORT_RUN_STATUSES = ['mailed', 'archived', 'failed'] as const;
export type ReportRunStatus = (typeof REPORT_RUN_STATUSES)[number];

/** One produced report in the archive: `GET /api/v1/report-schedules/runs`. */
export interface ReportRunDto {
  id: string;
  /** null once its schedule was deleted: the archive keeps the report. */
  scheduleId: string | null;
  /** "2026-11" or "2026-Q3": one run per schedule and period. */
  period: string;
  from: string;
  to: string;
  title: string;
  teamName: string | null;
  trigger: 'schedule' | 'manual';
  status: ReportRunStatus;
  recipients: string[];
  /** Why the last attempt failed; null once it was produced (and mailed, when SMTP is configured). */
  error: string | null;
  /** Attempts made so far: a failed run of the last complete period is tried again by the hourly tick, up to `REPORT_MAX_ATTEMPTS`. */
  attempts: number;
  /** When the next automatic attempt is due; null when none will be made (done, or the limit reached). */
  nextAttemptAt: string | null;
  /** Size of the archived PDF; null when none was produced. */
  pdfBytes: number | null;
  createdAt: string;
}
