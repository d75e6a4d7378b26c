import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { QueryContent } from '../../components/ui/query-content';
import { StateMessage } from '../../components/ui/state-message';
import { useTeams } from '../../features/organisation/api/get-teams';
import { teamReportPdfUrl, useTeamReport } from '../../features/report/api/get-team-report';
import { TeamReport } from '../../features/report/components/team-report';
import { recentQuarters } from '../../features/report/report-quarters';

/** The quarterly report, printable (the browser's print, with the print stylesheet) or as the server's PDF. */
export function ReportPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const team = searchParams.get('team') || null;
  const quarters = useMemo(() => recentQuarters(new Date()), []);
  const quarter = searchParams.get('quarter') || quarters[0];
  const teams = useTeams();
  const report = useTeamReport({ team, quarter });
  // From the URL as it is now, not as last rendered: a second choice made before the first has rendered keeps it.
  const choose = (name: string, value: string) =>
    setSearchParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });
  return (
    <>
      <title>Report · Escapement</title>
      <div className="page-header report-controls">
        <h1>Report</h1>
        <p className="muted">The quarter for your leadership: headline figures, the trend, the adoption verdict and what to look at next.</p>
        <div className="page-actions">
          <label>
            Team{' '}
            <select value={team ?? ''} onChange={(event) => choose('team', event.target.value)} data-testid="report-team">
              <option value="">Organisation</option>
              {(teams.data ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Quarter{' '}
            <select value={quarter} onChange={(event) => choose('quarter', event.target.value)} data-testid="report-quarter">
              {quarters.map((q) => (
                <option key={q} value={q}>
                  {q}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button-small" onClick={() => window.print()}>
            Print
          </button>
          <a className="button button-small" href={teamReportPdfUrl({ team, quarter })} download data-testid="report-pdf">
            Download PDF
          </a>
        </div>
      </div>
      <QueryContent
        query={report}
        what="the report"
        loading={<p className="muted">Preparing the report…</p>}
        answers={{
          // A team the reader cannot see or a malformed quarter in the link: the choice is wrong, not the server.
          400: (problem) => (
            <StateMessage testId="state-empty" title="No report for this choice">
              <p>{problem.message}. Choose another team or quarter above.</p>
            </StateMessage>
          ),
        }}
      >
        {(shown) => <TeamReport report={shown} />}
      </QueryContent>
    </>
  );
}
