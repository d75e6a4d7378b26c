import type { ReportCadence, ReportRunDto, ReportScheduleDto, TeamDto } from '@escapement/domain';
import { useId, useRef, useState } from 'react';
import { Badge } from '../../../components/ui/badge';
import { ConfirmButton } from '../../../components/ui/confirm-button';
import { useRowConfirmation } from '../../../components/ui/use-row-confirmation';
import { EnumSelect } from '../../../components/ui/enum-select';
import { FormErrorSummary, FormField } from '../../../components/ui/form-field';
import { OptionsWithSelected } from '../../../components/ui/options-with-selected';
import { QueryContent } from '../../../components/ui/query-content';
import { apiFormErrors, focusFirstInvalid, hasFieldErrors, mergeErrors } from '../../../lib/form-errors';
import { formatBytes, formatDateTime } from '../../../lib/format';
import { useCreateReportSchedule, useDeleteReportSchedule, useRunReportSchedule } from '../api/change-report-schedules';
import { reportRunPdfUrl, useReportRuns } from '../api/get-report-runs';
import { useReportSchedules } from '../api/get-report-schedules';
import { runAttemptNote } from '../run-attempts';
import { EMPTY_SCHEDULE_DRAFT, scheduleRequest, validateSchedule, type ScheduleDraft, type ScheduleField } from '../schedule-form';

const API_FIELDS = {
  '/teamId': { field: 'teamId', label: 'Team' },
  '/cadence': { field: 'cadence', label: 'Every' },
  '/recipients': { field: 'recipients', label: 'Recipients:' },
} as const;

/** Quarterly first: the review most schedules are for. */
const CADENCES = ['quarterly', 'monthly'] as const satisfies readonly ReportCadence[];
const CADENCE_LABELS: Record<ReportCadence, string> = { quarterly: 'Quarter', monthly: 'Month' };

const RUN_TONES: Record<ReportRunDto['status'], string> = { mailed: 'status-completed', archived: 'status-processing', failed: 'status-failed' };
const RUN_LABELS: Record<ReportRunDto['status'], string> = { mailed: 'Mailed', archived: 'Archived, not mailed', failed: 'Failed' };

/** Scheduled reports: the schedules, a form for a new one, and the archive of every report produced. */
export function ReportSchedulesPanel({ teams }: { teams: readonly TeamDto[] }) {
  const listTitle = useId();
  const formTitle = useId();
  const archiveTitle = useId();
  const schedules = useReportSchedules();
  const runs = useReportRuns();
  return (
    <div className="settings-grid">
      <section className="card" aria-labelledby={listTitle}>
        <h2 id={listTitle}>Report schedules</h2>
        <QueryContent
          query={schedules}
          what="the report schedules"
          empty={{ title: 'No schedules yet', body: <p>Schedule a team’s or the organisation’s report to be mailed every month or quarter.</p> }}
        >
          {(items) => <SchedulesTable schedules={items} />}
        </QueryContent>
      </section>
      <section className="card" aria-labelledby={formTitle}>
        <h2 id={formTitle}>New schedule</h2>
        <ScheduleForm teams={teams} />
      </section>
      <section className="card" aria-labelledby={archiveTitle}>
        <h2 id={archiveTitle}>Report archive</h2>
        <QueryContent
          query={runs}
          what="the archived reports"
          empty={{ title: 'No reports yet', body: <p>Each schedule’s report appears here within the hour after its month or quarter ends.</p> }}
        >
          {(items) => <RunsTable runs={items} />}
        </QueryContent>
      </section>
    </div>
  );
}

function SchedulesTable({ schedules }: { schedules: readonly ReportScheduleDto[] }) {
  const remove = useDeleteReportSchedule();
  const confirmation = useRowConfirmation(remove);
  const run = useRunReportSchedule();
  const errors = [remove.error, run.error].filter((e): e is Error => e instanceof Error).map((e) => e.message);
  return (
    <>
      <FormErrorSummary messages={errors} />
      <div className="table-scroll">
        <table className="plain-table" data-testid="report-schedules-table">
          <thead>
            <tr>
              <th scope="col">Report</th>
              <th scope="col">Every</th>
              <th scope="col">Recipients</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {schedules.map((schedule) => {
              const name = schedule.teamName ?? 'Organisation';
              return (
                <tr key={schedule.id}>
                  <td>{name}</td>
                  <td>{CADENCE_LABELS[schedule.cadence]}</td>
                  <td>
                    <ul className="plain-list">
                      {schedule.recipients.map((address) => (
                        <li key={address}>{address}</li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <button type="button" className="button button-quiet" disabled={run.isPending} onClick={() => run.mutate(schedule.id)}>
                      Run now<span className="visually-hidden"> for {name}</span>
                    </button>
                    <ConfirmButton
                      question={`Delete the ${name} schedule?`}
                      warning="Its archived reports stay."
                      confirmLabel="Delete schedule"
                      {...confirmation(schedule.id)}
                    >
                      Delete<span className="visually-hidden"> the {name} schedule</span>
                    </ConfirmButton>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

function ScheduleForm({ teams }: { teams: readonly TeamDto[] }) {
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ScheduleDraft>(EMPTY_SCHEDULE_DRAFT);
  const [local, setLocal] = useState<Partial<Record<ScheduleField, string>>>({});
  const create = useCreateReportSchedule();
  const errors = mergeErrors<ScheduleField>(local, apiFormErrors<ScheduleField>(create.error, API_FIELDS));
  return (
    <form
      ref={form}
      className="stacked-form"
      aria-label="New report schedule"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.reset();
        const problems = validateSchedule(draft);
        setLocal(problems);
        if (hasFieldErrors(problems)) {
          requestAnimationFrame(() => focusFirstInvalid(form.current));
          return;
        }
        create.mutate(scheduleRequest(draft), {
          onSuccess: () => setDraft(EMPTY_SCHEDULE_DRAFT),
          onError: () => requestAnimationFrame(() => focusFirstInvalid(form.current)),
        });
      }}
    >
      <FormField label="Report" hint="A team’s report, or the whole organisation’s." error={errors.fields.teamId}>
        <select value={draft.teamId} onChange={(event) => setDraft({ ...draft, teamId: event.target.value })}>
          <option value="">Organisation</option>
          <OptionsWithSelected items={teams} selected={draft.teamId || null} unknownLabel="Unknown team" />
        </select>
      </FormField>
      <FormField label="Every" hint="The report covers the month or quarter that just ended." error={errors.fields.cadence}>
        <EnumSelect
          values={CADENCES}
          value={draft.cadence}
          label={(cadence) => CADENCE_LABELS[cadence]}
          onChange={(cadence) => setDraft({ ...draft, cadence })}
        />
      </FormField>
      <FormField label="Recipients" hint="Email addresses, one per line or separated by commas." error={errors.fields.recipients}>
        <textarea rows={3} value={draft.recipients} onChange={(event) => setDraft({ ...draft, recipients: event.target.value })} />
      </FormField>
      <FormErrorSummary messages={errors.general} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Scheduling…' : 'Schedule report'}
        </button>
      </div>
    </form>
  );
}

function RunsTable({ runs }: { runs: readonly ReportRunDto[] }) {
  return (
    <div className="table-scroll">
      <table className="plain-table" data-testid="report-runs-table">
        <thead>
          <tr>
            <th scope="col">Report</th>
            <th scope="col">Produced</th>
            <th scope="col">Status</th>
            <th scope="col">PDF</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>{run.title}</td>
              <td>{formatDateTime(run.createdAt)}</td>
              <td>
                <Badge tone={RUN_TONES[run.status]}>{RUN_LABELS[run.status]}</Badge>
                {run.error && <p className="small">{run.error}</p>}
                {runAttemptNote(run) && <p className="small muted">{runAttemptNote(run)}</p>}
              </td>
              <td>
                {run.pdfBytes !== null ? (
                  <a href={reportRunPdfUrl(run.id)} download>
                    Download<span className="visually-hidden"> {run.title}</span> ({formatBytes(run.pdfBytes)})
                  </a>
                ) : (
                  <span className="muted">None</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
