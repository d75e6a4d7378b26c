import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { TokenSummary } from '../types';

export function getTokens(signal?: AbortSignal): Promise<TokenSummary[]> {
  return apiGet<TokenSummary[]>('/tokens', undefined, { signal });
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
