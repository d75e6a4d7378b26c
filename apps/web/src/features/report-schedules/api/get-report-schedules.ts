import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ReportScheduleDto } from '@escapement/domain';
import { apiGet } from '../../../lib/api-client';

export function getReportSchedules(signal?: AbortSignal): Promise<ReportScheduleDto[]> {
  return apiGet<ReportScheduleDto[]>('/report-schedules', undefined, { signal });
}

export function getReportSchedulesQueryOptions() {
  return queryOptions({ queryKey: ['report-schedules'], queryFn: ({ signal }) => getReportSchedules(signal) });
}

export function useReportSchedules() {
  return useQuery(getReportSchedulesQueryOptions());
}
