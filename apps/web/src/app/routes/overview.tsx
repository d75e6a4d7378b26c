import { FINDING_CLASSES, type FindingClass } from '@escapement/domain';
import { useCallback, useMemo } from 'react';
import { EscapeRatePanel } from '../../features/escape-rate/components/escape-rate-panel';
import type { PointHref } from '../../features/escape-rate/drill-down-link';
import { useServices } from '../../features/filters/api/get-services';
import { FilterBar } from '../../features/filters/components/filter-bar';
import { narrowsFindings, selectionScope } from '../../features/filters/filters';
import { useDashboardFilters } from '../../features/filters/use-dashboard-filters';
import { escapesOfPoint } from '../../features/findings/drill-down';
import { findingsHref } from '../../features/findings/findings-query';

/** The landing page: filters in the URL, and the escape rate by finding class under them. */
export function OverviewPage() {
  const { filters, setFilters } = useDashboardFilters();
  const services = useServices();
  // Features do not know each other: the page turns the filter selection into the adoption scope.
  const adoptionScope = useMemo(() => selectionScope(filters, services.data ?? []), [filters, services.data]);
  // A chart point opens the escaped findings of its class and period, under the same team, service and boundary.
  const pointHref = useCallback<PointHref>(
    ({ seriesKey, period, bucket }) => {
      const findingClass = FINDING_CLASSES.find((value): value is FindingClass => value === seriesKey);
      if (findingClass === undefined) return null;
      return findingsHref(escapesOfPoint({ findingClass, periodStart: period, bucket, ...filters }));
    },
    [filters],
  );

  return (
    <>
      <title>Overview · Escapement</title>
      <div className="page-header">
        <h1>Overview</h1>
        <p className="muted">How many security findings escape past review, and whether context-aware practice changes that.</p>
      </div>
      <FilterBar filters={filters} onChange={setFilters} />
      <EscapeRatePanel
        filters={{ boundary: filters.boundary, team: filters.team, service: filters.service, from: filters.from, to: filters.to }}
        adoptionScope={adoptionScope}
        narrowed={narrowsFindings(filters)}
        pointHref={pointHref}
      />
    </>
  );
}
