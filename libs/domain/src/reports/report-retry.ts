/** A scheduled report is tried this many times in all (the first run and its retries), then left failed. */
export const REPORT_MAX_ATTEMPTS = 4;

const HOUR = 3_600_000;

/**
 * When a failed scheduled report is tried again: 1, 2, then 4 hours after the hour of the failed attempt,
 * so that a mail server that is down for a while is not hammered and an hourly tick (which starts a few
 * minutes past the hour) finds the retry due; null once `attempts` reached the limit.
 */
export function nextReportAttempt(attempts: number, failedAt: Date): Date | null {
  if (attempts >= REPORT_MAX_ATTEMPTS) return null;
  const hour = Math.floor(failedAt.getTime() / HOUR) * HOUR;
  return new Date(hour + 2 ** (attempts - 1) * HOUR);
}
