import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TeamReportDto } from '@escapement/domain';
import { apiGet, buildApiUrl } from '../../../lib/api-client';

export interface TeamReportParams {
  /** Team id, or null for the organisation (a team-limited person: their teams). */
  team: string | null;
  /** "2026-Q3", or null for the last complete quarter. */
  quarter: string | null;
}

const apiParams = (params: TeamReportParams) => ({ team: params.team, quarter: params.quarter });

export function getTeamReport(params: TeamReportParams, signal?: AbortSignal): Promise<TeamReportDto> {
  return apiGet<TeamReportDto>('/reports/team', apiParams(params), { signal });
}

/** The same report as the PDF the server draws. */
export function teamReportPdfUrl(params: TeamReportParams): string {
  return buildApiUrl('/reports/team.pdf', apiParams(params));
}

export function getTeamReportQueryOptions(params: TeamReportParams) {
  return queryOptions({ queryKey: ['reports', 'team', params], queryFn: ({ signal }) => getTeamReport(params, signal) });
}

export function useTeamReport(params: TeamReportParams) {
  return useQuery(getTeamReportQueryOptions(params));
}
