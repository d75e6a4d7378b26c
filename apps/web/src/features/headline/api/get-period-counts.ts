import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { DetectionStage, EscapeRateResponse, GapsResponse } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';
import { dayAfter } from '../../../lib/periods';
import { escapeCounts, type DayRange, type PeriodCounts } from '../headline-figures';

export interface PeriodCountsParams {
  period: DayRange;
  boundary: DetectionStage;
  team: string | null;
  service: string | null;
}

/**
 * The headline's counts for one period, from the same endpoints as the charts: escape rate by class at
 * the chosen boundary, production escapes (boundary production), and context gaps among the escapes.
 * Quarters as buckets keep the answers short; the period's own dates bound the findings.
 */
export async function getPeriodCounts(params: PeriodCountsParams, signal?: AbortSignal): Promise<PeriodCounts> {
  const scope = { from: params.period.from, to: dayAfter(params.period.to), team: params.team, service: params.service, bucket: 'quarter' };
  const [rates, production, gaps] = await Promise.all([
    apiGet<EscapeRateResponse>('/metrics/escape-rate', { ...scope, groupBy: 'class', boundary: params.boundary }, { signal }),
    apiGet<EscapeRateResponse>('/metrics/escape-rate', { ...scope, groupBy: 'class', boundary: 'production' }, { signal }),
    apiGet<GapsResponse>('/metrics/gaps', { ...scope, groupBy: 'total', boundary: params.boundary }, { signal }),
  ]);
  return {
    all: escapeCounts(rates),
    design: escapeCounts(rates, 'design'),
    productionEscapes: escapeCounts(production).escaped,
    contextGaps: gaps.series.reduce((sum, series) => sum + series.points.reduce((inner, point) => inner + point.contextGap, 0), 0),
  };
}

/** The two periods the headline compares: both are needed before any figure can be drawn. */
export interface ComparedCountsParams extends Omit<PeriodCountsParams, 'period'> {
  current: DayRange;
  previous: DayRange;
}

export interface ComparedCounts {
  current: PeriodCounts;
  previous: PeriodCounts;
}

export async function getComparedCounts({ current, previous, ...scope }: ComparedCountsParams, signal?: AbortSignal): Promise<ComparedCounts> {
  const [currentCounts, previousCounts] = await Promise.all([
    getPeriodCounts({ ...scope, period: current }, signal),
    getPeriodCounts({ ...scope, period: previous }, signal),
  ]);
  return { current: currentCounts, previous: previousCounts };
}

export function getComparedCountsQueryOptions(params: ComparedCountsParams) {
  return queryOptions({
    queryKey: ['metrics', 'period-counts', params],
    queryFn: ({ signal }) => getComparedCounts(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useComparedCounts(params: ComparedCountsParams) {
  return useQuery(getComparedCountsQueryOptions(params));
}
