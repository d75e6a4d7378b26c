import { useId } from 'react';
import { QueryContent } from '../../../components/ui/query-content';
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

  const body = (
    <QueryContent
      query={events}
      what="the audit log"
      rows={8}
      isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
      empty={{ title: action ? 'No events of this kind' : 'No events yet' }}
    >
      {(data) => {
        const items = data.pages.flatMap((page) => page.items);
        return (
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
      }}
    </QueryContent>
  );

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
