import type { EscapeRatePoint } from '../api/escape-rate';
import type { ReportComponent, ReportRate } from '../api/reports';
import { wilsonInterval } from '../statistics/wilson-interval';

/** An escape rate with its 95% Wilson interval; no rate without findings. */
export function reportRate(escaped: number, findings: number): ReportRate {
  if (findings === 0) return { findings, escaped, rate: null, ciLow: null, ciHigh: null };
  const interval = wilsonInterval(escaped, findings);
  return { findings, escaped, rate: escaped / findings, ciLow: interval.low, ciHigh: interval.high };
}

/** The rate over several periods' points: counts added, then divided (never an average of rates). */
export function pooledRate(points: readonly Pick<EscapeRatePoint, 'total' | 'escaped'>[]): ReportRate {
  return reportRate(
    points.reduce((sum, p) => sum + p.escaped, 0),
    points.reduce((sum, p) => sum + p.total, 0),
  );
}

/**
 * The components that leaked most: escapes per component added over the period's points, most first
 * (ties by name), escapes outside any threat model left out, as they belong to no component.
 */
export function leakiestComponents(
  series: readonly { key: string; points: readonly { escaped: number; contextGap: number; modelGap: number }[] }[],
  limit = 5,
): ReportComponent[] {
  return series
    .filter((s) => s.key !== '(unmodelled)')
    .map((s) => ({
      component: s.key,
      escaped: s.points.reduce((sum, p) => sum + p.escaped, 0),
      contextGap: s.points.reduce((sum, p) => sum + p.contextGap, 0),
      modelGap: s.points.reduce((sum, p) => sum + p.modelGap, 0),
    }))
    .filter((c) => c.escaped > 0)
    .sort((a, b) => b.escaped - a.escaped || a.component.localeCompare(b.component))
    .slice(0, limit);
}
