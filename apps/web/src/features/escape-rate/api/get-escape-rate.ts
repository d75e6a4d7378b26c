import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { DetectionStage, EscapeRateGrouping, EscapeRateResponse, TimeBucket } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';
import { dayAfter } from '../../../lib/periods';

export interface EscapeRateParams {
  groupBy: EscapeRateGrouping;
  bucket: TimeBucket;
  boundary: DetectionStage;
  team: string | null;
  service: string | null;
  /** Inclusive ISO dates, as people pick them; null for an open end. */
  from: string | null;
  to: string | null;
}

export function getEscapeRate(params: EscapeRateParams, signal?: AbortSignal): Promise<EscapeRateResponse> {
  return apiGet<EscapeRateResponse>(
    '/metrics/escape-rate',
    {
      groupBy: params.groupBy,
      bucket: params.bucket,
      boundary: params.boundary,
      from: params.from,
      // The API's `to` is exclusive; the date a person picks as "To" is the last day they want included.
      to: params.to === null ? null : dayAfter(params.to),
      team: params.team,
      service: params.service,
    },
    { signal },
  );
}

export function getEscapeRateQueryOptions(params: EscapeRateParams) {
  return queryOptions({
    queryKey: ['metrics', 'escape-rate', params],
    queryFn: ({ signal }) => getEscapeRate(params, signal),
    // While a changed filter loads, keep showing the previous chart (dimmed) instead of a skeleton,
    // so the page does not jump on every change.
    placeholderData: keepPreviousData,
  });
}

export function useEscapeRate(params: EscapeRateParams) {
  return useQuery(getEscapeRateQueryOptions(params));
}
