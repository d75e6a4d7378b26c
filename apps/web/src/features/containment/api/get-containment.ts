import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { dayAfter } from '../../../lib/periods';
import type { ContainmentResponse } from '@escapement/domain';

export interface ContainmentParams {
  team: string | null;
  service: string | null;
  /** Inclusive ISO dates, as people pick them; null for an open end. */
  from: string | null;
  to: string | null;
}

export function getContainment(params: ContainmentParams, signal?: AbortSignal): Promise<ContainmentResponse> {
  return apiGet<ContainmentResponse>(
    '/metrics/containment',
    // The API's `to` is exclusive; the picked "To" date is the last day included.
    { groupBy: 'class', team: params.team, service: params.service, from: params.from, to: params.to === null ? null : dayAfter(params.to) },
    { signal },
  );
}

export function getContainmentQueryOptions(params: ContainmentParams) {
  return queryOptions({
    queryKey: ['metrics', 'containment', params],
    queryFn: ({ signal }) => getContainment(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useContainment(params: ContainmentParams) {
  return useQuery(getContainmentQueryOptions(params));
}
