import { FINDING_CLASSES, type FindingClass } from '@escapement/domain';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { ContainmentPanel } from '../../features/containment/components/containment-panel';
import { getEscapeRateQueryOptions } from '../../features/escape-rate/api/get-escape-rate';
import { EscapeRatePanel } from '../../features/escape-rate/components/escape-rate-panel';
import type { PointHref } from '../../features/escape-rate/drill-down-link';
import { useAdoptions } from '../../features/adoptions/api/get-adoptions';
import { useServices } from '../../features/organisation/api/get-services';
import { useTeams } from '../../features/organisation/api/get-teams';
import { FilterBar } from '../../features/filters/components/filter-bar';
import { narrowsFindings, selectionScope } from '../../features/filters/filters';
import { useDashboardFilters } from '../../features/filters/use-dashboard-filters';
import { escapesOfPoint } from '../../features/findings/drill-down';
import { findingsHref } from '../../features/findings/findings-query';
import { HeadlineFiguresPanel } from '../../features/headline/components/headline-figures-panel';
import { ExportMenu } from '../../components/ui/export-menu';
import { dayAfter } from '../../lib/periods';
import { Link } from 'react-router-dom';

/** The landing page: filters in the URL; headline figures, the escape rate by class and where findings are stopped under them. */
export function OverviewPage() {
  const { filters, setFilters } = useDashboardFilters();
  const today = new Date().toISOString().slice(0, 10);
  const teams = useTeams();
  const services = useServices();
  const adoptions = useAdoptions();
  const rateFilters = { boundary: filters.boundary, team: filters.team, service: filters.service, from: filters.from, to: filters.to };
  // The follow-up horizon is the server's setting (ESCAPEMENT_FOLLOW_UP_DAYS): read from the escape-rate answer the chart
  // below asks for anyway (same query, one request), so the headline's default period and the chart agree.
  const followUpDays = useQuery({
    ...getEscapeRateQueryOptions({ ...rateFilters, groupBy: 'class', bucket: 'month' }),
    select: (response) => response.followUpDays,
  });
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
        <div className="page-actions">
          <Link className="button button-small" to={`/report${filters.team ? `?team=${encodeURIComponent(filters.team)}` : ''}`}>
            Quarterly report
          </Link>
          <ExportMenu
            name="escape-rate"
            label="Export escape rate"
            params={{
              groupBy: 'class',
              bucket: 'month',
              boundary: filters.boundary,
              team: filters.team,
              service: filters.service,
              from: filters.from,
              to: filters.to ? dayAfter(filters.to) : null,
            }}
          />
          <ExportMenu
            name="containment"
            label="Export containment"
            params={{ groupBy: 'class', team: filters.team, service: filters.service, from: filters.from, to: filters.to ? dayAfter(filters.to) : null }}
          />
        </div>
      </div>
      <FilterBar filters={filters} onChange={setFilters} teams={teams} services={services} />
      <HeadlineFiguresPanel {...filters} today={today} followUpDays={followUpDays} />
      <EscapeRatePanel filters={rateFilters} adoptions={adoptions} adoptionScope={adoptionScope} narrowed={narrowsFindings(filters)} pointHref={pointHref} />
      <ContainmentPanel team={filters.team} service={filters.service} from={filters.from} to={filters.to} />
    </>
  );
}
