import type { TimeBucket } from '@escapement/domain';
import { nextPeriodStart, periodContaining } from '../../lib/periods';

/** A span of days to shade on the chart, `to` exclusive as the API gives windows. */
export interface ShadedWindow {
  kind: 'before' | 'after';
  label: string;
  from: string;
  to: string;
}

/** A shaded span on the category axis: from the period holding its first day to the one holding its last. */
export interface WindowArea {
  kind: ShadedWindow['kind'];
  label: string;
  x1: string;
  x2: string;
}

function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Snaps windows to the charted periods. The axis only knows period starts, so a window covers every
 * period it touches; an edge outside the chart is clipped to the first or last period, and a window
 * wholly outside is left out.
 */
export function windowAreas(windows: readonly ShadedWindow[], periods: readonly string[], bucket: TimeBucket): WindowArea[] {
  if (periods.length === 0) return [];
  const first = periods[0]!;
  const last = periods[periods.length - 1]!;
  const nextAfter = (period: string) => nextPeriodStart(period, bucket);
  const snap = (day: string): string | null => (day < first ? first : (periodContaining(day, periods, bucket) ?? (day > last ? last : null)));
  return windows.flatMap((window) => {
    const lastDay = dayBefore(window.to);
    if (lastDay < first || window.from > lastDay || window.from >= nextAfter(last)) return [];
    const x1 = snap(window.from);
    const x2 = snap(lastDay);
    return x1 !== null && x2 !== null ? [{ kind: window.kind, label: window.label, x1, x2 }] : [];
  });
}
