import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { ThreatModelSummary } from '../types';

export function getThreatModels(signal?: AbortSignal): Promise<ThreatModelSummary[]> {
  return apiGet<ThreatModelSummary[]>('/threat-models', undefined, { signal });
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
