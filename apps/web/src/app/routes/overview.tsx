import { useMemo } from 'react';
import { EscapeRatePanel } from '../../features/escape-rate/components/escape-rate-panel';
import { useServices } from '../../features/filters/api/get-services';
import { FilterBar } from '../../features/filters/components/filter-bar';
import { narrowsFindings, selectionScope } from '../../features/filters/filters';
import { useDashboardFilters } from '../../features/filters/use-dashboard-filters';

/** The landing page: filters in the URL, and the escape rate by finding class under them. */
export function OverviewPage() {
  const { filters, setFilters } = useDashboardFilters();
  const services = useServices();
  // Features do not know each other: the page turns the filter selection into the adoption scope.
  const adoptionScope = useMemo(() => selectionScope(filters, services.data ?? []), [filters, services.data]);

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
      />
    </>
  );
}
