import { type DetectionStage, type FindingDto, isEscape } from '@escapement/domain';
import { Link, useLocation } from 'react-router-dom';
import { formatDay } from '../../../lib/format';
import { categoryLabel } from '../../../lib/finding-labels';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import type { FindingSort, FindingsQuery } from '../findings-query';
import { ClassBadge, EscapedBadge, GapBadge, SeverityBadge } from './finding-badges';
import { SortableHeader } from './sortable-header';

interface FindingsTableProps {
  items: readonly FindingDto[];
  query: FindingsQuery;
  onSort: (column: FindingSort) => void;
  busy: boolean;
}

/** The link to a finding's detail: its boundary travels along, and so does the list, to come back to. */
export function findingDetailHref(id: string, boundary: DetectionStage): string {
  return `/findings/${encodeURIComponent(id)}${boundary === 'ci' ? '' : `?boundary=${boundary}`}`;
}

export function FindingsTable({ items, query, onSort, busy }: FindingsTableProps) {
  const location = useLocation();
  return (
    <div className={busy ? 'table-scroll table-wide is-busy' : 'table-scroll table-wide'} aria-busy={busy} data-testid="findings-table">
      <table className="findings-table">
        <caption className="visually-hidden">Findings, sortable by severity, title, stage and detection date</caption>
        <thead>
          <tr>
            <SortableHeader column="severity" query={query} onSort={onSort}>
              Severity
            </SortableHeader>
            <SortableHeader column="title" query={query} onSort={onSort} className="col-title">
              Title
            </SortableHeader>
            <th scope="col">Service</th>
            <th scope="col">Class</th>
            <th scope="col">Category</th>
            <SortableHeader column="stage" query={query} onSort={onSort}>
              Stage
            </SortableHeader>
            <th scope="col">
              Escaped <span className="header-note">at {STAGE_LABELS[query.boundary]}</span>
            </th>
            <th scope="col">Gap</th>
            <th scope="col">CWE</th>
            <SortableHeader column="detected" query={query} onSort={onSort}>
              Detected
            </SortableHeader>
          </tr>
        </thead>
        <tbody>
          {items.map((finding) => (
            <tr key={finding.id} data-finding-id={finding.id}>
              <td>
                <SeverityBadge severity={finding.severity} />
              </td>
              <td className="col-title">
                <Link to={findingDetailHref(finding.id, query.boundary)} state={{ listSearch: location.search }}>
                  {finding.title}
                </Link>
              </td>
              <td className="nowrap">{finding.serviceName}</td>
              <td>
                <ClassBadge findingClass={finding.findingClass} />
              </td>
              <td>{finding.category ? categoryLabel(finding.category) : '–'}</td>
              <td>{STAGE_LABELS[finding.firstDetectedStage]}</td>
              <td>
                <EscapedBadge escaped={isEscape(finding.firstDetectedStage, query.boundary)} />
              </td>
              <td>
                <GapBadge gap={finding.gap} />
              </td>
              <td className="nowrap">{finding.cweIds.length ? finding.cweIds.map((cwe) => `CWE-${cwe}`).join(', ') : '–'}</td>
              <td className="nowrap numeric">
                <time dateTime={finding.firstDetectedAt}>{formatDay(finding.firstDetectedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
