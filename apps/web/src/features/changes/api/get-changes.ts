import type { ChangeDto, Page } from '@escapement/domain';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export interface ChangesParams {
  team: string | null;
  context: 'with' | 'without' | null;
  cursor: string | null;
}

export function getChanges(params: ChangesParams, signal?: AbortSignal): Promise<Page<ChangeDto>> {
  return apiGet<Page<ChangeDto>>('/changes', { team: params.team, context: params.context, cursor: params.cursor, limit: '25' }, { signal });
}

export function getChangesQueryOptions(params: ChangesParams) {
  return queryOptions({ queryKey: ['changes', params], queryFn: ({ signal }) => getChanges(params, signal), placeholderData: keepPreviousData });
}

export function useChanges(params: ChangesParams) {
  return useQuery(getChangesQueryOptions(params));
}
