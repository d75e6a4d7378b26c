import type { TimeBucket } from '../model/bucket';
import { nextPeriod, periodStart as startOfPeriod } from './periods';

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function periodEnd(periodStart: string, bucket: TimeBucket): Date {
  const start = new Date(`${periodStart}T00:00:00Z`);
  if (!ISO_DATE.test(periodStart) || Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== periodStart) throw new RangeError(`expected a period start as YYYY-MM-DD, got ${periodStart}`);
  return new Date(`${nextPeriod(startOfPeriod(start, bucket), bucket)}T00:00:00Z`);
}

function assertFollowUp(followUpDays: number): void {
  if (!(Number.isFinite(followUpDays) && followUpDays >= 0)) throw new RangeError(`followUpDays must be a finite number >= 0, got ${followUpDays}`);
}

/**
 * The instant from which the cohort of the period starting `periodStart` counts as mature: the END of the
 * period (the start of the next one, 00:00 UTC) plus `followUpDays`.
 */
export function cohortMaturityDate(periodStart: string, bucket: TimeBucket, followUpDays = 90): Date {
  assertFollowUp(followUpDays);
  return new Date(periodEnd(periodStart, bucket).getTime() + followUpDays * DAY_MS);
}

/**
 * Whether the cohort of flaws introduced in a period (by `introducedAt`, else `detectedAt`) has had the full
 * follow-up window to escape, as of `asOf`. Escapes are found late — a pentest next quarter, an incident next
 * year — so a recent cohort's escape rate is biased low simply because its flaws have not had time to be
 * found downstream; points of immature cohorts are flagged and left out of before/after comparisons.
 *
 * Why the end of the period and not its start: the cohort's youngest flaw was introduced just before the
 * period ended, and it is the youngest flaws that have had least time to escape. Measuring from the start
 * would call a quarter mature 90 days after it began, while flaws from its last day had been exposed for
 * barely a day. From the end, every flaw in the cohort has had at least `followUpDays` days.
 *
 * Mature when asOf ≥ end of period + followUpDays (days of 24 hours, in UTC). `periodStart` is a YYYY-MM-DD
 * date inside the period (normally its first day, as `periodStart()` gives it); weeks run Monday to Sunday.
 */
export function isMatureCohort(periodStart: string, bucket: TimeBucket, asOf: Date, followUpDays = 90): boolean {
  if (Number.isNaN(asOf.getTime())) throw new RangeError('isMatureCohort needs a valid asOf date');
  return asOf.getTime() >= cohortMaturityDate(periodStart, bucket, followUpDays).getTime();
}
