import { DETECTION_STAGES, type DetectionStage } from '@escapement/domain';

/**
 * Cohort spans: the days of one Monday-based week that fall in one calendar month (UTC), the time key of
 * the dimension rollups (`cohort_span()` in migration 1765700000000 names each span by its first day).
 * Every week, month and quarter bucket is a whole number of spans, so a bucket reads whole spans; a period
 * bound that falls inside a span leaves a few days (at most six at each end) that no span holds alone.
 * Those days are counted from the findings table, so the figures are the same wherever the bounds fall.
 */

/** Days from `from` (inclusive) to `to` (exclusive), as YYYY-MM-DD in UTC; a missing bound is open. */
export interface DayRange {
  from?: string;
  to?: string;
}

export interface PeriodBySpans {
  /** The whole spans inside the period, read from the rollups (its bounds are span starts); null when none. */
  spans: DayRange | null;
  /** The period's days outside those spans, read from the findings table. */
  edges: { from: string; to: string }[];
}

const DAY_MS = 86_400_000;

const parse = (day: string) => new Date(`${day}T00:00:00Z`);
const format = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Days since the Monday of the day's week: 0 on Monday, 6 on Sunday. */
const sinceMonday = (date: Date) => (date.getUTCDay() + 6) % 7;

/** Whether a span begins on this day: a Monday or the first of a month. */
export function isSpanStart(day: string): boolean {
  const date = parse(day);
  return date.getUTCDay() === 1 || date.getUTCDate() === 1;
}

/** The first day of the span holding this day. */
export function spanStart(day: string): string {
  const date = parse(day);
  const monday = date.getTime() - sinceMonday(date) * DAY_MS;
  const firstOfMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  return format(Math.max(monday, firstOfMonth));
}

/** The first day of the span after the one holding this day. */
export function nextSpanStart(day: string): string {
  const date = parse(day);
  const nextMonday = date.getTime() + (7 - sinceMonday(date)) * DAY_MS;
  const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return format(Math.min(nextMonday, nextMonth));
}

/** Splits a period into the whole spans the rollups answer and the days left at its ends. */
export function periodBySpans({ from, to }: DayRange): PeriodBySpans {
  const first = from === undefined || isSpanStart(from) ? from : nextSpanStart(from);
  const end = to === undefined ? undefined : spanStart(to);
  if (from !== undefined && to !== undefined && first! >= end!) return { spans: null, edges: from < to ? [{ from, to }] : [] };
  const edges: { from: string; to: string }[] = [];
  if (from !== undefined && first !== from) edges.push({ from, to: first! });
  if (to !== undefined && end !== to) edges.push({ from: end!, to });
  return { spans: { from: first, to: end }, edges };
}

/** Counts per stage of first detection, as the rollups and their readers carry them. */
export type StageCounts = Record<DetectionStage, number>;

/** All findings, and those first detected at or after the boundary (escaped). */
export function escapeTotals(counts: StageCounts, boundary: DetectionStage): { total: number; escaped: number } {
  const cut = DETECTION_STAGES.indexOf(boundary);
  let total = 0;
  let escaped = 0;
  DETECTION_STAGES.forEach((stage, index) => {
    total += counts[stage];
    if (index >= cut) escaped += counts[stage];
  });
  return { total, escaped };
}
