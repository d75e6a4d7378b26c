import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { ImportDto, Page } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';
import { hasProcessing } from '../import-summary';

export const IMPORTS_PAGE_SIZE = 25;

/** How often the history is asked again while an import is being stored in the background. */
export const PROCESSING_POLL_MS = 2000;

export function getImports(cursor: string | null, signal?: AbortSignal): Promise<Page<ImportDto>> {
  return apiGet<Page<ImportDto>>('/imports', { limit: IMPORTS_PAGE_SIZE, cursor }, { signal });
}

export function getImportsQueryOptions() {
  return infiniteQueryOptions({
    queryKey: ['imports'],
    queryFn: ({ pageParam, signal }) => getImports(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Imports arrive from CI at any time; the history is read for what just happened.
    staleTime: 0,
    refetchInterval: (query) => (hasProcessing(query.state.data?.pages ?? []) ? PROCESSING_POLL_MS : false),
  });
}

export function useImports() {
  return useInfiniteQuery(getImportsQueryOptions());
}
