import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { TokenDto } from '@escapement/domain';

export function getTokens(signal?: AbortSignal): Promise<TokenDto[]> {
  return apiGet<TokenDto[]>('/tokens', undefined, { signal });
}

export function getTokensQueryOptions() {
  return queryOptions({
    queryKey: ['tokens'],
    queryFn: ({ signal }) => getTokens(signal),
    // Last use changes as CI runs; an administrator checking a token wants it current.
    staleTime: 0,
  });
}

export function useTokens() {
  return useQuery(getTokensQueryOptions());
}
