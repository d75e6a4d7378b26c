import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TeamDto } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';

export function getTeams(signal?: AbortSignal): Promise<TeamDto[]> {
  return apiGet<TeamDto[]>('/teams', undefined, { signal });
}

export function getTeamsQueryOptions() {
  return queryOptions({
    queryKey: ['teams'],
    queryFn: ({ signal }) => getTeams(signal),
    // Teams change rarely; the filter list need not refetch while someone explores the chart.
    staleTime: 5 * 60_000,
  });
}

export function useTeams() {
  return useQuery(getTeamsQueryOptions());
}
