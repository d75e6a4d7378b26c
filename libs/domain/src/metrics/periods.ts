import type { TimeBucket } from '../model/bucket';

/** Start of the UTC period containing `date`, as YYYY-MM-DD. Weeks start on Monday (ISO 8601). */
export function periodStart(date: Date, bucket: TimeBucket): string {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  let start: Date;
  if (bucket === 'month') start = new Date(Date.UTC(y, m, 1));
  else if (bucket === 'quarter') start = new Date(Date.UTC(y, m - (m % 3), 1));
  else {
    const day = date.getUTCDay() === 0 ? 6 : date.getUTCDay() - 1;
    start = new Date(Date.UTC(y, m, date.getUTCDate() - day));
  }
  return start.toISOString().slice(0, 10);
}

/** The period after the one starting at `period`. */
export function nextPeriod(period: string, bucket: TimeBucket): string {
  const d = new Date(`${period}T00:00:00Z`);
  if (bucket === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + (bucket === 'month' ? 1 : 3));
  return d.toISOString().slice(0, 10);
}

/** Every period from the one holding `first` to the one holding `last`, so charts show gaps as gaps. */
export function periodRange(first: string, last: string, bucket: TimeBucket): string[] {
  const end = periodStart(new Date(`${last}T00:00:00Z`), bucket);
  const periods: string[] = [];
  for (let p = periodStart(new Date(`${first}T00:00:00Z`), bucket); p <= end; p = nextPeriod(p, bucket)) {
    periods.push(p);
    if (periods.length > 10_000) throw new RangeError('periodRange: too many periods');
  }
  return periods;
}
