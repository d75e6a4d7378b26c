import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { ThreatModelDto } from '@escapement/domain';

export function getThreatModels(signal?: AbortSignal): Promise<ThreatModelDto[]> {
  return apiGet<ThreatModelDto[]>('/threat-models', undefined, { signal });
}

export function getThreatModelsQueryOptions() {
  return queryOptions({
    queryKey: ['threat-models'],
    queryFn: ({ signal }) => getThreatModels(signal),
  });
}

export function useThreatModels() {
  return useQuery(getThreatModelsQueryOptions());
}
