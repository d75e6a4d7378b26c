import type { ChartTable } from '../../components/ui/chart-download';
import { readRowValue, type ChartRow } from './chart-rows';

/**
 * The escape-rate chart as a table: one line per period, per series its rate, interval, counts and
 * whether the cohort is mature. Series hidden in the legend are left out, as they are from the drawing.
 */
export function escapeRateCsv(rows: readonly ChartRow[], series: readonly { key: string; label: string }[]): ChartTable {
  const header = [
    'period',
    ...series.flatMap(({ label }) => [`${label} rate`, `${label} 95% low`, `${label} 95% high`, `${label} escaped`, `${label} total`, `${label} mature`]),
  ];
  const body = rows.map((row) => [
    row.period,
    ...series.flatMap(({ key }) => {
      const value = readRowValue(row, key);
      return [value.rate, value.band?.[0] ?? null, value.band?.[1] ?? null, value.escaped, value.total, value.mature];
    }),
  ]);
  return { header, rows: body };
}
