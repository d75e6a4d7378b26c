import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { FindingDto, Page } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';
import { findingsApiParams, type FindingsQuery } from '../findings-query';

export const FINDINGS_PAGE_SIZE = 50;

export interface FindingsPageParams {
  query: FindingsQuery;
  cursor: string | null;
  limit?: number;
}

export function getFindings({ query, cursor, limit = FINDINGS_PAGE_SIZE }: FindingsPageParams, signal?: AbortSignal): Promise<Page<FindingDto>> {
  return apiGet<Page<FindingDto>>('/findings', findingsApiParams(query, cursor, limit), { signal });
}

/** Every findings query starts with this key, so one invalidation refreshes lists and details alike. */
export const FINDINGS_KEY = ['findings'] as const;

export function getFindingsQueryOptions(params: FindingsPageParams) {
  const limit = params.limit ?? FINDINGS_PAGE_SIZE;
  return queryOptions({
    // The API's parameters are the key: two views that ask the API the same question share the answer.
    queryKey: [...FINDINGS_KEY, 'list', findingsApiParams(params.query, params.cursor, limit)],
    queryFn: ({ signal }) => getFindings({ ...params, limit }, signal),
    // While a new filter or page loads, the previous rows stay (dimmed) instead of a skeleton.
    placeholderData: keepPreviousData,
  });
}

export function useFindings(params: FindingsPageParams) {
  return useQuery(getFindingsQueryOptions(params));
}
