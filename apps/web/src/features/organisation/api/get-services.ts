import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ServiceDto } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';

export function getServices(signal?: AbortSignal): Promise<ServiceDto[]> {
  return apiGet<ServiceDto[]>('/services', undefined, { signal });
}

export function getServicesQueryOptions() {
  return queryOptions({
    queryKey: ['services'],
    queryFn: ({ signal }) => getServices(signal),
    staleTime: 5 * 60_000,
  });
}

export function useServices() {
  return useQuery(getServicesQueryOptions());
}
