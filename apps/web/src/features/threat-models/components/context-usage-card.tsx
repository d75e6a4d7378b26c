import { PWNISMS_LABELS } from '@escapement/domain';
import { useId } from 'react';
import { QueryContent } from '../../../components/ui/query-content';
import { labelOf } from '../../../lib/finding-labels';
import { useContextUsage } from '../api/get-context-usage';

/**
 * How often each component's threat context was fetched (CLI, MCP, HTTP) against how often it escaped:
 * a component that leaks while nobody fetches its context is where to start.
 */
export function ContextUsageCard({ service }: { service: string }) {
  const titleId = useId();
  const usage = useContextUsage(service);
  return (
    <section className="card card-table" aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId}>Context fetched and escapes</h2>
        <p className="muted">
          Per component of the current version: threat context served (packs, acceptance criteria, review checklists and reviews, through the CLI, MCP or the
          API) against escaped findings (found at CI or later). A component that leaks while its context is never fetched is where to start.
        </p>
      </header>
      <QueryContent
        query={usage}
        what="context usage"
        loading={
          <div className="skeleton skeleton-card" role="status" aria-busy="true">
            <span className="visually-hidden">Loading context usage</span>
          </div>
        }
      >
        {(data) => (
          <div className="table-scroll table-wide" data-testid="context-usage">
            <table>
              <thead>
                <tr>
                  <th scope="col">Component</th>
                  <th scope="col">Layer</th>
                  <th scope="col" className="numeric">
                    Context fetched
                  </th>
                  <th scope="col">Last fetched</th>
                  <th scope="col" className="numeric">
                    Escaped findings
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.components.map((component) => (
                  <tr key={component.key}>
                    <th scope="row">{component.name}</th>
                    <td>{labelOf(PWNISMS_LABELS, component.layer)}</td>
                    <td className="numeric">{component.fetched}</td>
                    <td>{component.lastFetchedAt ? component.lastFetchedAt.slice(0, 10) : 'never'}</td>
                    <td className="numeric">{component.escapes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryContent>
    </section>
  );
}
