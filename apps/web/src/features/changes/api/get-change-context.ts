import type { ChangeContextMetricDto, DetectionStage } from '@escapement/domain';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

export interface ChangeContextParams {
  boundary: DetectionStage;
  team: string | null;
}

export function getChangeContext(params: ChangeContextParams, signal?: AbortSignal): Promise<ChangeContextMetricDto> {
  return apiGet<ChangeContextMetricDto>('/metrics/change-context', { boundary: params.boundary, team: params.team }, { signal });
}

export function getChangeContextQueryOptions(params: ChangeContextParams) {
  return queryOptions({
    queryKey: ['metrics', 'change-context', params],
    queryFn: ({ signal }) => getChangeContext(params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useChangeContext(params: ChangeContextParams) {
  return useQuery(getChangeContextQueryOptions(params));
}
