import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { QueryContent } from '../../../components/ui/query-content';
import { formatDay } from '../../../lib/format';
import { categoryLabel } from '../../../lib/finding-labels';
import { useFindings } from '../api/get-findings';
import { DEFAULT_FINDINGS_QUERY, findingsHref, type FindingsQuery } from '../findings-query';
import { SeverityBadge } from './finding-badges';
import { findingDetailHref } from './findings-table';

interface FindingsShortListProps {
  title: string;
  description: ReactNode;
  query: Partial<FindingsQuery>;
  emptyText: string;
  limit?: number;
  testId: string;
}

/** The latest few findings of a query, each linking to its detail, and a link to all of them in the table. */
export function FindingsShortList({ title, description, query, emptyText, limit = 8, testId }: FindingsShortListProps) {
  const titleId = useId();
  const full = { ...DEFAULT_FINDINGS_QUERY, ...query };
  const findings = useFindings({ query: full, cursor: null, limit });

  const body = (
    <QueryContent query={findings} what={title.toLowerCase()} isEmpty={(data) => data.items.length === 0} empty={{ title: emptyText }}>
      {(data) => (
        <>
          <ul className="short-list">
            {data.items.map((finding) => (
              <li key={finding.id}>
                <SeverityBadge severity={finding.severity} />
                <span className="short-list-main">
                  <Link to={findingDetailHref(finding.id, full.boundary)}>{finding.title}</Link>
                  <span className="muted small">
                    {finding.serviceName}
                    {finding.category ? ` · ${categoryLabel(finding.category)}` : ''}
                    {finding.cweIds.length ? ` · ${finding.cweIds.map((cwe) => `CWE-${cwe}`).join(', ')}` : ''} · {formatDay(finding.firstDetectedAt)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
          <p>
            <Link to={findingsHref(query)}>{data.nextCursor ? `See all ${title.toLowerCase()}` : `Open ${title.toLowerCase()} in the findings table`}</Link>
          </p>
        </>
      )}
    </QueryContent>
  );

  return (
    <section className="card" aria-labelledby={titleId} data-testid={testId}>
      <header className="card-header">
        <h2 id={titleId}>{title}</h2>
        <p className="muted">{description}</p>
      </header>
      {body}
    </section>
  );
}
