import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { GapsResponse } from '@escapement/domain';

/** Escaped findings per component of every model (quarterly, boundary CI), for the organisation-wide ranking. */
export function getLeakingComponents(signal?: AbortSignal): Promise<GapsResponse> {
  return apiGet<GapsResponse>('/metrics/gaps', { groupBy: 'component', bucket: 'quarter', boundary: 'ci' }, { signal });
}

export function getLeakingComponentsQueryOptions() {
  return queryOptions({
    queryKey: ['metrics', 'gaps', 'component', 'all-models'],
    queryFn: ({ signal }) => getLeakingComponents(signal),
  });
}

export function useLeakingComponents() {
  return useQuery(getLeakingComponentsQueryOptions());
}
