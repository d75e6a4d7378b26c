import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { ThreatModelVersionDetailDto } from '@escapement/domain';

export function getThreatModelVersion(id: string, version: number, signal?: AbortSignal): Promise<ThreatModelVersionDetailDto> {
  return apiGet<ThreatModelVersionDetailDto>(`/threat-models/${encodeURIComponent(id)}/versions/${version}`, undefined, { signal });
}

export function getThreatModelVersionQueryOptions(id: string, version: number) {
  return queryOptions({
    queryKey: ['threat-models', id, 'versions', version],
    queryFn: ({ signal }) => getThreatModelVersion(id, version, signal),
    // A stored version never changes: once loaded, it need not be asked for again.
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
}

/** Null `version` waits: the version to show is known only once the model's versions are. */
export function useThreatModelVersion(id: string, version: number | null) {
  return useQuery({ ...getThreatModelVersionQueryOptions(id, version ?? 0), enabled: version !== null });
}
