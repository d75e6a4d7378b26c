import type { AdoptionDto } from '@escapement/domain';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { ChartSkeleton } from '../../../components/ui/chart-skeleton';
import { QueryContent } from '../../../components/ui/query-content';
import { STAGE_LABELS } from '../../../lib/stage-labels';
import { adoptionMarkers, type AdoptionScope } from '../adoption-markers';
import { useEscapeRate, type EscapeRateParams } from '../api/get-escape-rate';
import { immaturePointCount, isEmptyEscapeRate, periodsOf, toChartRows } from '../chart-rows';
import { rateAxis } from '../rate-axis';
import type { PointHref } from '../drill-down-link';
import { windowAreas, type ShadedWindow } from '../window-areas';
import { EscapeRateChart } from './escape-rate-chart';

export type EscapeRateFilters = Omit<EscapeRateParams, 'groupBy' | 'bucket'>;

interface EscapeRatePanelProps {
  filters: EscapeRateFilters;
  /** Recorded adoptions, loaded by the page (the adoptions feature owns the query), drawn as markers. */
  adoptions: UseQueryResult<AdoptionDto[]>;
  /** Whose adoption dates to mark; null for the whole organisation. */
  adoptionScope: AdoptionScope | null;
  /** Whether team, service or period narrow the findings, which changes what "no data" means. */
  narrowed: boolean;
  /** Where a clicked point leads: the escaped findings behind it. */
  pointHref?: PointHref;
  /** Spans to shade, e.g. the before and after windows of an adoption. */
  windows?: readonly ShadedWindow[];
  /** Heading, for pages that show the chart for one team. */
  title?: string;
  /** File name of the chart's downloads. */
  fileName?: string;
}

const UPLOAD_HINT = 'npx escapement upload results.sarif --stage ci --service NAME';

/** "Escape rate by finding class": loads the data and decides between skeleton, empty, error and chart. */
export function EscapeRatePanel(props: EscapeRatePanelProps) {
  const titleId = useId();
  const { filters } = props;
  return (
    <section className="card" aria-labelledby={titleId}>
      <header className="card-header">
        <h2 id={titleId}>{props.title ?? 'Escape rate by finding class'}</h2>
        <p className="muted">
          Share of findings first detected at or after the <strong>{STAGE_LABELS[filters.boundary]}</strong> stage, per month, with 95% Wilson intervals.
          Vertical dashed lines mark when a team adopted context-aware practice; hollow points on a dashed line are months whose flaws have not yet had the full
          follow-up to escape, so their rates may still rise.
          {props.pointHref && ' Click a point to see the escaped findings behind it.'}
        </p>
      </header>
      <PanelBody {...props} />
    </section>
  );
}

function PanelBody({ filters, adoptions, adoptionScope, narrowed, pointHref, windows, fileName = 'escape-rate-by-class' }: EscapeRatePanelProps) {
  const escapeRate = useEscapeRate({ ...filters, groupBy: 'class', bucket: 'month' });
  const response = escapeRate.data;

  const chart = useMemo(() => {
    if (response === undefined) return null;
    const periods = periodsOf(response);
    return {
      rows: toChartRows(response),
      periods,
      seriesKeys: response.series.map((series) => series.key),
      axis: rateAxis(response),
      markers: adoptionMarkers(adoptions.data ?? [], periods, response.bucket, adoptionScope),
      areas: windowAreas(windows ?? [], periods, response.bucket),
      followUpDays: response.followUpDays,
      hasImmature: response.series.some((series) => immaturePointCount(response, series.key) > 0),
    };
  }, [response, adoptions.data, adoptionScope, windows]);

  return (
    <QueryContent
      query={escapeRate}
      what="the escape rate"
      loading={<ChartSkeleton label="Loading escape rate" testId="state-loading" />}
      isEmpty={isEmptyEscapeRate}
      empty={{
        title: narrowed ? 'No findings match these filters' : 'No findings recorded yet',
        body: (
          <>
            <p>
              {narrowed ? 'Widen the team, service or period, or post' : 'Escape rates appear once findings are posted. Post'} scanner results from a CI job:
            </p>
            <pre className="code">
              <code>{UPLOAD_HINT}</code>
            </pre>
          </>
        ),
      }}
    >
      {(answer) =>
        chart && (
          <>
            <EscapeRateChart
              {...chart}
              bucket={answer.bucket}
              fileName={fileName}
              busy={escapeRate.isPlaceholderData && escapeRate.isFetching}
              pointHref={pointHref}
            />
            {adoptions.isError && <p className="muted small">Adoption dates could not be loaded; the chart shows rates only.</p>}
          </>
        )
      }
    </QueryContent>
  );
}
