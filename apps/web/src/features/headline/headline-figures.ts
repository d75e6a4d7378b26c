import type { EscapeRateResponse } from '@escapement/domain';

/** A span of days, both ends inclusive, as people pick periods in the filters. */
export interface DayRange {
  from: string;
  to: string;
}

export interface ComparedPeriods {
  current: DayRange;
  previous: DayRange;
  /** True when no period was picked and the latest mature one was chosen instead. */
  defaulted: boolean;
}

const DAY = 86_400_000;
/** Length of the period compared when none is picked: a quarter, as security leads report. */
export const DEFAULT_PERIOD_DAYS = 90;

function shift(isoDate: string, days: number): string {
  return new Date(new Date(`${isoDate}T00:00:00Z`).getTime() + days * DAY).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY);
}

/**
 * The picked period and the one of the same length just before it. Without a picked period: the latest
 * 90 days whose flaws have all had the follow-up, so that the headline does not flatter recent months
 * whose late escapes have not surfaced yet. An open end is filled from the other end or from today.
 */
export function comparedPeriods(from: string | null, to: string | null, today: string, followUpDays: number): ComparedPeriods {
  let current: DayRange;
  if (from === null && to === null) {
    const end = shift(today, -followUpDays);
    current = { from: shift(end, -(DEFAULT_PERIOD_DAYS - 1)), to: end };
  } else {
    const end = to ?? today;
    current = { from: from ?? shift(end, -(DEFAULT_PERIOD_DAYS - 1)), to: end };
  }
  const length = daysBetween(current.from, current.to) + 1;
  const previous = { from: shift(current.from, -length), to: shift(current.from, -1) };
  return { current, previous, defaulted: from === null && to === null };
}

/** Escaped and total findings of a period, over every series or over one series of a class grouping. */
export function escapeCounts(response: EscapeRateResponse, key?: string): { escaped: number; total: number } {
  const series = key === undefined ? response.series : response.series.filter((candidate) => candidate.key === key);
  let escaped = 0;
  let total = 0;
  for (const entry of series) {
    for (const point of entry.points) {
      escaped += point.escaped;
      total += point.total;
    }
  }
  return { escaped, total };
}

/**
 * Whether the period holds days whose flaws have had less than the follow-up to escape, so that its rates
 * may still rise. Counted by day: the API's per-point flag is per bucket and would flag a whole quarter.
 */
export function coversImmatureDays(period: DayRange, today: string, followUpDays: number): boolean {
  return period.to > shift(today, -followUpDays);
}

/** The counts one period contributes to the headline. */
export interface PeriodCounts {
  all: { escaped: number; total: number };
  design: { escaped: number; total: number };
  productionEscapes: number;
  contextGaps: number;
}

export type FigureId = 'escape-rate' | 'design-escape-rate' | 'production-escapes' | 'context-gaps';

export interface HeadlineFigure {
  id: FigureId;
  label: string;
  kind: 'rate' | 'count';
  /** A fraction 0..1 for rates, a number of findings for counts; null when the period has no findings. */
  current: number | null;
  previous: number | null;
}

const rateOf = ({ escaped, total }: { escaped: number; total: number }): number | null => (total > 0 ? escaped / total : null);

export function headlineFigures(current: PeriodCounts, previous: PeriodCounts): HeadlineFigure[] {
  return [
    { id: 'escape-rate', label: 'Escape rate', kind: 'rate', current: rateOf(current.all), previous: rateOf(previous.all) },
    { id: 'design-escape-rate', label: 'Design-level escape rate', kind: 'rate', current: rateOf(current.design), previous: rateOf(previous.design) },
    { id: 'production-escapes', label: 'Production escapes', kind: 'count', current: current.productionEscapes, previous: previous.productionEscapes },
    { id: 'context-gaps', label: 'Context gaps', kind: 'count', current: current.contextGaps, previous: previous.contextGaps },
  ];
}

export interface Trend {
  direction: 'up' | 'down' | 'flat' | 'unknown';
  /** "down 8 points", "up 3", "no change". */
  words: string;
  arrow: '↑' | '↓' | '→' | '';
}

function plural(count: number, one: string, many: string): string {
  return Math.abs(count) === 1 ? one : many;
}

/**
 * How a figure moved against the previous period, in words a person can say in a meeting. Rates move in
 * percentage points (to one decimal below ten, whole above); counts by their difference.
 */
export function trendOf(figure: HeadlineFigure): Trend {
  if (figure.current === null || figure.previous === null) return { direction: 'unknown', words: 'no earlier figure to compare', arrow: '' };
  if (figure.kind === 'rate') {
    const points = (figure.current - figure.previous) * 100;
    const rounded = Math.abs(points) >= 9.95 ? Math.round(Math.abs(points)) : Math.round(Math.abs(points) * 10) / 10;
    if (rounded === 0) return { direction: 'flat', words: 'no change', arrow: '→' };
    const direction = points < 0 ? 'down' : 'up';
    return { direction, words: `${direction} ${rounded} ${plural(rounded, 'point', 'points')}`, arrow: direction === 'down' ? '↓' : '↑' };
  }
  const difference = figure.current - figure.previous;
  if (difference === 0) return { direction: 'flat', words: 'no change', arrow: '→' };
  const direction = difference < 0 ? 'down' : 'up';
  return { direction, words: `${direction} ${Math.abs(difference)}`, arrow: direction === 'down' ? '↓' : '↑' };
}
