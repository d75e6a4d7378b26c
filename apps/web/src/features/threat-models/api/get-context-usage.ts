import type { ContextUsageDto } from '@escapement/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** Per component of the service's current model: context fetched (packs, criteria, checklists, reviews) against escapes past CI. */
export function getContextUsage(service: string, signal?: AbortSignal): Promise<ContextUsageDto> {
  return apiGet<ContextUsageDto>('/context-usage', { service, boundary: 'ci' }, { signal });
}

export function getContextUsageQueryOptions(service: string) {
  return queryOptions({
    queryKey: ['context-usage', service, 'ci'],
    queryFn: ({ signal }) => getContextUsage(service, signal),
  });
}

export function useContextUsage(service: string) {
  return useQuery(getContextUsageQueryOptions(service));
}
