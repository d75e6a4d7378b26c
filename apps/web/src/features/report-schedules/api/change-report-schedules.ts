import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReportRunDto, ReportScheduleDto } from '@escapement/domain';
import { apiSend } from '../../../lib/api-client';
import type { CreateScheduleBody } from '../schedule-form';

const SCHEDULES_KEY = ['report-schedules'];

export function createReportSchedule(body: CreateScheduleBody): Promise<ReportScheduleDto> {
  return apiSend<ReportScheduleDto>('POST', '/report-schedules', body);
}

/** The schedule stops; the reports it produced stay in the archive. */
export function deleteReportSchedule(id: string): Promise<void> {
  return apiSend('DELETE', `/report-schedules/${encodeURIComponent(id)}`);
}

/** Produces the last complete period's report now (a period already produced answers its run). */
export function runReportSchedule(id: string): Promise<ReportRunDto> {
  return apiSend<ReportRunDto>('POST', `/report-schedules/${encodeURIComponent(id)}/runs`, {});
}

function useScheduleMutation<A, R>(mutationFn: (argument: A) => Promise<R>) {
  const queryClient = useQueryClient();
  // Schedules and runs share the key's first part: one invalidation refreshes both lists.
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: SCHEDULES_KEY }) });
}

export const useCreateReportSchedule = () => useScheduleMutation(createReportSchedule);
export const useDeleteReportSchedule = () => useScheduleMutation(deleteReportSchedule);
export const useRunReportSchedule = () => useScheduleMutation(runReportSchedule);
