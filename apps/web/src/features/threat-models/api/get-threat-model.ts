import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { ThreatModelDetailDto } from '@escapement/domain';

export function getThreatModel(id: string, signal?: AbortSignal): Promise<ThreatModelDetailDto> {
  return apiGet<ThreatModelDetailDto>(`/threat-models/${encodeURIComponent(id)}`, undefined, { signal });
}

export function getThreatModelQueryOptions(id: string) {
  return queryOptions({
    queryKey: ['threat-models', id],
    queryFn: ({ signal }) => getThreatModel(id, signal),
  });
}

export function useThreatModel(id: string) {
  return useQuery(getThreatModelQueryOptions(id));
}
