import { useId } from 'react';
import { QueryErrorState } from '../../../components/ui/query-error-state';
import { StateMessage } from '../../../components/ui/state-message';
import { TableSkeleton } from '../../../components/ui/table-skeleton';
import { formatDateTime } from '../../../lib/format';
import { useAuditEvents } from '../api/get-audit-events';
import { ACTION_FILTERS, detailsSummary } from '../audit-filter';

interface AuditPanelProps {
  /** From the URL, so that a filtered log can be shared as a link. */
  action: string | null;
  onActionChange: (action: string | null) => void;
}

/** Security-relevant events, newest first, a page at a time, filtered by action. */
export function AuditPanel({ action, onActionChange }: AuditPanelProps) {
  const titleId = useId();
  const filterId = useId();
  const events = useAuditEvents(action);
  const known = ACTION_FILTERS.some((filter) => filter.value === action);

  let body;
  if (events.isPending) body = <TableSkeleton label="Loading the audit log" />;
  else if (events.isError)
    body = <QueryErrorState what="the audit log" error={events.error} retrying={events.isFetching} onRetry={() => void events.refetch()} />;
  else {
    const items = events.data.pages.flatMap((page) => page.items);
    body =
      items.length === 0 ? (
        <StateMessage testId="state-empty" title={action ? 'No events of this kind' : 'No events yet'} />
      ) : (
        <>
          <div className="table-scroll">
            <table className="plain-table" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Subject</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {items.map((event) => (
                  <tr key={event.id} data-action={event.action}>
                    <td>{formatDateTime(event.at)}</td>
                    <td>{event.actor ?? <span className="muted">unknown</span>}</td>
                    <td>
                      <code>{event.action}</code>
                    </td>
                    <td>
                      {event.subjectType}
                      {event.subjectId && <span className="muted small"> {event.subjectId}</span>}
                    </td>
                    <td className="small">{detailsSummary(event.details)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {events.hasNextPage && (
            <div className="pagination">
              <p className="muted small">{items.length} events shown</p>
              <button type="button" className="button button-quiet" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
                {events.isFetchingNextPage ? 'Loading…' : 'Load older events'}
              </button>
            </div>
          )}
        </>
      );
  }

  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>Audit log</h2>
      <div className="field audit-filter">
        <label htmlFor={filterId}>Action</label>
        <select id={filterId} value={action ?? ''} onChange={(event) => onActionChange(event.target.value || null)}>
          <option value="">Every action</option>
          {ACTION_FILTERS.map((filter) => (
            <option key={filter.value} value={filter.value}>
              {filter.label} ({filter.value})
            </option>
          ))}
          {action && !known && <option value={action}>{action}</option>}
        </select>
      </div>
      {body}
    </section>
  );
}
