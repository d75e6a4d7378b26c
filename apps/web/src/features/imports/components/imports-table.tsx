import { Fragment } from 'react';
import { Badge } from '../../../components/ui/badge';
import { formatBytes, formatDateTime } from '../../../lib/format';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import { countsSummary, importDuration, importProblems, importWarnings } from '../import-summary';
import type { ImportDto, ImportStatus } from '@escapement/domain';

const STATUS_LABELS: Record<ImportStatus, string> = {
  processing: 'Processing',
  completed: 'Completed',
  failed: 'Failed',
};

const numberFormat = new Intl.NumberFormat('en');

/** The import history, newest first: what came in, from where, and what it changed; a failed import says why. */
export function ImportsTable({ items }: { items: readonly ImportDto[] }) {
  return (
    // Focusable, so that keyboard users can scroll the wide table sideways on a narrow screen.
    <div className="table-scroll table-wide" data-testid="imports-table" tabIndex={0} role="region" aria-label="Imports">
      <table>
        <caption className="visually-hidden">Imports, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Status</th>
            <th scope="col">Service</th>
            <th scope="col">Stage</th>
            <th scope="col">File</th>
            <th scope="col">Findings</th>
            <th scope="col">Source</th>
            <th scope="col" className="numeric">
              Took
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const problems = importProblems(item.error);
            const warnings = importWarnings(item.warnings);
            return (
              <Fragment key={item.id}>
                <tr data-import-id={item.id} data-status={item.status}>
                  <td className="nowrap">
                    <time dateTime={item.receivedAt}>{formatDateTime(item.receivedAt)}</time>
                  </td>
                  <td>
                    <Badge tone={`status-${item.status}`}>{STATUS_LABELS[item.status] ?? item.status}</Badge>
                  </td>
                  <td className="nowrap">{item.service ?? <span className="muted">Per finding</span>}</td>
                  <td className="nowrap">{item.stage ? STAGE_LABELS[item.stage] : <span className="muted">Per source</span>}</td>
                  <td>
                    {item.fileName ?? <span className="muted">No file name</span>}
                    <span className="header-note">
                      {item.format}
                      {item.bytes !== null ? ` · ${formatBytes(item.bytes)}` : ''}
                      {item.fullScan ? ' · full scan' : ''}
                    </span>
                  </td>
                  <td>
                    <ul className="counts">
                      {countsSummary(item.findings).map(({ label, value }) => (
                        <li key={label}>
                          <span className="strong">{numberFormat.format(value)}</span> {label}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {item.tools.length ? item.tools.join(', ') : <span className="muted">–</span>}
                    {(item.repo || item.commit) && (
                      <span className="header-note">
                        {item.repo ?? ''}
                        {item.commit ? ` @ ${item.commit.slice(0, 10)}` : ''}
                      </span>
                    )}
                  </td>
                  <td className="numeric nowrap">{item.status === 'processing' ? 'Storing…' : importDuration(item.receivedAt, item.completedAt)}</td>
                </tr>
                {problems.length > 0 && (
                  <tr className="import-problems">
                    <td colSpan={8}>
                      <p className="strong">Why it failed</p>
                      <ul>
                        {problems.map((problem, index) => (
                          <li key={index}>{problem}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                )}
                {warnings.length > 0 && (
                  <tr className="import-warnings" data-testid="import-warnings">
                    <td colSpan={8}>
                      <p className="strong">Changed on the way in</p>
                      <ul>
                        {warnings.map((warning, index) => (
                          <li key={index}>{warning}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
