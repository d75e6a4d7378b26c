import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEventDto, Page } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';

export const AUDIT_PAGE_SIZE = 50;

export function getAuditEvents(action: string | null, cursor: string | null, signal?: AbortSignal): Promise<Page<AuditEventDto>> {
  return apiGet<Page<AuditEventDto>>('/audit-events', { limit: AUDIT_PAGE_SIZE, cursor, action }, { signal });
}

export function getAuditEventsQueryOptions(action: string | null) {
  return infiniteQueryOptions({
    queryKey: ['audit-events', action],
    queryFn: ({ pageParam, signal }) => getAuditEvents(action, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // The log is read for what just happened.
    staleTime: 0,
  });
}

export function useAuditEvents(action: string | null) {
  return useInfiniteQuery(getAuditEventsQueryOptions(action));
}
