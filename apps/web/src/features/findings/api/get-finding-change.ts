import type { FindingChangeDto } from '@escapement/domain';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { FINDINGS_KEY } from './get-findings';

export function getFindingChange(id: string, signal?: AbortSignal): Promise<FindingChangeDto | null> {
  return apiGet<{ change: FindingChangeDto | null }>(`/findings/${encodeURIComponent(id)}/change`, undefined, { signal }).then((body) => body.change);
}

export function getFindingChangeQueryOptions(id: string) {
  return queryOptions({ queryKey: [...FINDINGS_KEY, 'change', id], queryFn: ({ signal }) => getFindingChange(id, signal) });
}

export function useFindingChange(id: string) {
  return useQuery(getFindingChangeQueryOptions(id));
}
