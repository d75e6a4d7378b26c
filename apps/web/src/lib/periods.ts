import type { TimeBucket } from '@escapement/domain';

function addUtc(isoDate: string, bucket: TimeBucket): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (bucket === 'week') date.setUTCDate(date.getUTCDate() + 7);
  else date.setUTCMonth(date.getUTCMonth() + (bucket === 'quarter' ? 3 : 1));
  return date.toISOString().slice(0, 10);
}

/** The first day after the period that starts on `periodStart`. */
export function nextPeriodStart(periodStart: string, bucket: TimeBucket): string {
  return addUtc(periodStart, bucket);
}

/**
 * The period among `periods` (ascending start dates) that contains `isoDate`, or null when the date
 * falls before the first, after the last, or into a period the list does not hold.
 * ISO dates compare correctly as strings, so no parsing is needed for the search.
 */
export function periodContaining(isoDate: string, periods: readonly string[], bucket: TimeBucket): string | null {
  let candidate: string | null = null;
  for (const period of periods) {
    if (period <= isoDate) candidate = period;
    else break;
  }
  if (candidate === null) return null;
  return isoDate < nextPeriodStart(candidate, bucket) ? candidate : null;
}

/** The next calendar day, for turning an inclusive end date into an exclusive bound. */
export function dayAfter(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The last day of the period that starts on `periodStart`, as an inclusive ISO date. */
export function lastDayOf(periodStart: string, bucket: TimeBucket): string {
  const date = new Date(`${nextPeriodStart(periodStart, bucket)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
