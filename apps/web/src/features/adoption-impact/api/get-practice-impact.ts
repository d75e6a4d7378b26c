import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DetectionStage, PracticeImpactResponse, PrimaryFindingClass } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';

/** Every adoption of a practice, analysed together (the organisation's question). */
export interface PracticeImpactParams {
  practice: string | null;
  boundary: DetectionStage | null;
  findingClass: PrimaryFindingClass | null;
}

export function getPracticeImpact(params: PracticeImpactParams, signal?: AbortSignal): Promise<PracticeImpactResponse> {
  return apiGet<PracticeImpactResponse>(
    '/metrics/adoption-impact',
    { practice: params.practice, boundary: params.boundary, class: params.findingClass },
    { signal },
  );
}

export function getPracticeImpactQueryOptions(params: PracticeImpactParams) {
  return queryOptions({
    queryKey: ['metrics', 'adoption-impact', 'practice', params],
    queryFn: ({ signal }) => getPracticeImpact(params, signal),
    enabled: params.practice !== null,
  });
}

export function usePracticeImpact(params: PracticeImpactParams) {
  return useQuery(getPracticeImpactQueryOptions(params));
}
