import type { ChangeDetailDto } from '@escapement/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export function getChange(id: string, signal?: AbortSignal): Promise<ChangeDetailDto> {
  return apiGet<ChangeDetailDto>(`/changes/${encodeURIComponent(id)}`, undefined, { signal });
}

export function getChangeQueryOptions(id: string) {
  return queryOptions({ queryKey: ['changes', 'detail', id], queryFn: ({ signal }) => getChange(id, signal) });
}

export function useChange(id: string) {
  return useQuery(getChangeQueryOptions(id));
}
