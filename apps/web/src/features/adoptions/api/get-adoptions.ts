import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AdoptionDto } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';

export function getAdoptions(signal?: AbortSignal): Promise<AdoptionDto[]> {
  return apiGet<AdoptionDto[]>('/adoptions', undefined, { signal });
}

export function getAdoptionsQueryOptions() {
  return queryOptions({
    queryKey: ['adoptions'],
    queryFn: ({ signal }) => getAdoptions(signal),
    staleTime: 5 * 60_000,
  });
}

export function useAdoptions() {
  return useQuery(getAdoptionsQueryOptions());
}
