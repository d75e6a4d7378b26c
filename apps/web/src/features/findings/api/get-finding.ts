import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DetectionStage, FindingDetailDto } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';
import { FINDINGS_KEY } from './get-findings';

export function getFinding(id: string, boundary: DetectionStage, signal?: AbortSignal): Promise<FindingDetailDto> {
  return apiGet<FindingDetailDto>(`/findings/${encodeURIComponent(id)}`, { boundary }, { signal });
}

export function getFindingQueryOptions(id: string, boundary: DetectionStage) {
  return queryOptions({
    queryKey: [...FINDINGS_KEY, 'detail', id, boundary],
    queryFn: ({ signal }) => getFinding(id, boundary, signal),
  });
}

export function useFinding(id: string, boundary: DetectionStage) {
  return useQuery(getFindingQueryOptions(id, boundary));
}
