import type { TimeBucket } from '@escapement/domain';

/** Periods are UTC dates; formatting them in the viewer's zone would shift month starts back a day. */
const monthShort = new Intl.DateTimeFormat('en', { month: 'short', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayMonthYear = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

function utcDate(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** A fraction 0..1 as a percentage; fewer decimals once the number is large enough to read. */
export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function formatPercentAxis(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

export function formatDate(isoDate: string): string {
  return dayMonthYear.format(utcDate(isoDate));
}

/** The UTC day of a timestamp, e.g. "Nov 23, 2026"; the API sends instants, people read days. */
export function formatDay(isoTimestamp: string): string {
  return formatDate(isoTimestamp.slice(0, 10));
}

const dateTime = new Intl.DateTimeFormat('en', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** An instant with its time, in UTC and saying so, so people in different zones read the same value. */
export function formatDateTime(isoTimestamp: string): string {
  const date = new Date(isoTimestamp);
  return Number.isNaN(date.getTime()) ? isoTimestamp : `${dateTime.format(date)} UTC`;
}

/** A byte count in the unit people read it in. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '–';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export function formatMonth(isoDate: string): string {
  return monthShort.format(utcDate(isoDate));
}

export function formatYear(isoDate: string): string {
  return isoDate.slice(0, 4);
}

/** The name of the period that starts on `isoDate`, e.g. "Mar 2025", "Q2 2025", "Week of 3 Mar 2025". */
export function formatPeriod(isoDate: string, bucket: TimeBucket): string {
  switch (bucket) {
    case 'month':
      return monthYear.format(utcDate(isoDate));
    case 'quarter':
      return `Q${Math.floor(utcDate(isoDate).getUTCMonth() / 3) + 1} ${formatYear(isoDate)}`;
    case 'week':
      return `Week of ${formatDate(isoDate)}`;
  }
}

const dayMonth = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/**
 * Two short lines for an axis tick: the period, and the year only where it changes (and on the first
 * tick), so that a long axis stays readable without repeating "2025" eighteen times.
 */
export function periodTickLines(period: string, bucket: TimeBucket, previous: string | null): [string, string | null] {
  const yearChanged = previous === null || formatYear(previous) !== formatYear(period);
  const year = yearChanged ? formatYear(period) : null;
  switch (bucket) {
    case 'month':
      return [formatMonth(period), year];
    case 'quarter':
      return [`Q${Math.floor(utcDate(period).getUTCMonth() / 3) + 1}`, year];
    case 'week':
      return [dayMonth.format(utcDate(period)), year];
  }
}
