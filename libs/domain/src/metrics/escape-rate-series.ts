import type { EscapeRatePoint, EscapeRateSeries } from '../api/escape-rate';
import type { TimeBucket } from '../model/bucket';
import { wilsonInterval } from '../statistics/wilson-interval';
import { periodRange } from './periods';

/** One aggregated row: a group, a period and its counts. */
export interface EscapeCountRow {
  key: string;
  period: string;
  total: number;
  escaped: number;
}

export function escapeRatePoint(period: string, total: number, escaped: number, mature = true): EscapeRatePoint {
  if (total === 0) return { period, total, escaped, rate: null, ciLow: null, ciHigh: null, mature };
  const { low, high } = wilsonInterval(escaped, total);
  return { period, total, escaped, rate: escaped / total, ciLow: low, ciHigh: high, mature };
}

/**
 * Builds one series per group over a continuous run of periods (empty periods have total 0 and a null
 * rate), so that every series has the same x values and gaps are visible rather than interpolated.
 */
export function buildEscapeRateSeries(
  rows: readonly EscapeCountRow[],
  bucket: TimeBucket,
  range?: { from?: string; to?: string },
  isMature: (period: string) => boolean = () => true,
): EscapeRateSeries[] {
  if (rows.length === 0) return [];
  const periods = rows.map((r) => r.period).sort();
  const periodList = periodRange(range?.from ?? periods[0], range?.to ?? periods[periods.length - 1], bucket);
  const byKey = new Map<string, Map<string, EscapeCountRow>>();
  for (const row of rows) {
    if (!byKey.has(row.key)) byKey.set(row.key, new Map());
    byKey.get(row.key)!.set(row.period, row);
  }
  return [...byKey.keys()].sort().map((key) => ({
    key,
    points: periodList.map((period) => {
      const row = byKey.get(key)!.get(period);
      return escapeRatePoint(period, row?.total ?? 0, row?.escaped ?? 0, isMature(period));
    }),
  }));
}
