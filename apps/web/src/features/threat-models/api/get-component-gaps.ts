import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DetectionStage, GapsResponse, TimeBucket } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';

export interface ComponentGapsParams {
  service: string;
  boundary: DetectionStage;
  bucket: TimeBucket;
}

/** Escaped findings per threat-model component and period, split into context gaps, model gaps and unmodelled. */
export function getComponentGaps(params: ComponentGapsParams, signal?: AbortSignal): Promise<GapsResponse> {
  return apiGet<GapsResponse>('/metrics/gaps', { groupBy: 'component', ...params }, { signal });
}

export function getComponentGapsQueryOptions(params: ComponentGapsParams) {
  return queryOptions({
    queryKey: ['metrics', 'gaps', 'component', params],
    queryFn: ({ signal }) => getComponentGaps(params, signal),
  });
}

export function useComponentGaps(params: ComponentGapsParams) {
  return useQuery(getComponentGapsQueryOptions(params));
}
