import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ReportRunDto } from '@escapement/domain';
import { apiGet, buildApiUrl } from '../../../lib/api-client';

export function getReportRuns(signal?: AbortSignal): Promise<ReportRunDto[]> {
  return apiGet<ReportRunDto[]>('/report-schedules/runs', undefined, { signal });
}

export function getReportRunsQueryOptions() {
  // Runs appear when the hourly tick produces them: always ask again.
  return queryOptions({ queryKey: ['report-schedules', 'runs'], queryFn: ({ signal }) => getReportRuns(signal), staleTime: 0 });
}

export function useReportRuns() {
  return useQuery(getReportRunsQueryOptions());
}

/** Where an archived report's PDF downloads from (the session cookie authorises the GET). */
export function reportRunPdfUrl(id: string): string {
  return buildApiUrl(`/report-schedules/runs/${encodeURIComponent(id)}/pdf`);
}
