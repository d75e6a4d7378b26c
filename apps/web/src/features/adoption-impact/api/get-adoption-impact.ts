import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AdoptionImpactResponse, DetectionStage, PrimaryFindingClass } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';

/**
 * Which adoption to measure (one by id, or a team's first), and the exploratory settings: null keeps the
 * primary analysis recorded on the adoption.
 */
export interface AdoptionImpactParams {
  adoption: string | null;
  team: string | null;
  boundary: DetectionStage | null;
  findingClass: PrimaryFindingClass | null;
}

export function getAdoptionImpact(params: AdoptionImpactParams, signal?: AbortSignal): Promise<AdoptionImpactResponse> {
  return apiGet<AdoptionImpactResponse>(
    '/metrics/adoption-impact',
    { adoption: params.adoption, team: params.adoption ? null : params.team, boundary: params.boundary, class: params.findingClass },
    { signal },
  );
}

export function getAdoptionImpactQueryOptions(params: AdoptionImpactParams) {
  return queryOptions({
    queryKey: ['metrics', 'adoption-impact', params],
    queryFn: ({ signal }) => getAdoptionImpact(params, signal),
    enabled: params.adoption !== null || params.team !== null,
  });
}

export function useAdoptionImpact(params: AdoptionImpactParams) {
  return useQuery(getAdoptionImpactQueryOptions(params));
}
