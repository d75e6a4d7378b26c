import { REPORT_MAX_ATTEMPTS, type ReportRunDto } from '@escapement/domain';
import { formatDateTime } from '../../lib/format';

/** What the archive says about a run's automatic retries; null when there is nothing to say (a first-time success). */
export function runAttemptNote(run: Pick<ReportRunDto, 'status' | 'attempts' | 'nextAttemptAt'>): string | null {
  if (run.status === 'failed' && run.nextAttemptAt)
    return `Attempt ${run.attempts} of ${REPORT_MAX_ATTEMPTS}; tried again after ${formatDateTime(run.nextAttemptAt)}.`;
  if (run.status === 'failed') return `${run.attempts === 1 ? '1 attempt' : `${run.attempts} attempts`}, no more automatic tries: use Run now to try again.`;
  if (run.attempts > 1) return `Produced on attempt ${run.attempts}.`;
  return null;
}
