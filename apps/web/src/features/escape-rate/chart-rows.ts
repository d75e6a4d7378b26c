import type { EscapeRatePoint, EscapeRateResponse } from '@escapement/domain';

/** The 95% interval as Recharts draws a range area: [low, high]. */
export type Band = [number, number];

/**
 * One chart row per period. Each series `key` contributes flat fields, because Recharts reads values
 * by key: `key` (rate), `keyBand` ([low, high]), `keyEscaped` and `keyTotal`.
 */
export type ChartRow = { period: string } & { [field: string]: string | number | Band | null };

export const rateField = (key: string): string => key;
export const bandField = (key: string): string => `${key}Band`;
export const escapedField = (key: string): string => `${key}Escaped`;
export const totalField = (key: string): string => `${key}Total`;

/** All periods that any series reports, ascending. */
export function periodsOf(response: EscapeRateResponse): string[] {
  const periods = new Set<string>();
  for (const series of response.series) for (const point of series.points) periods.add(point.period);
  return [...periods].sort();
}

/**
 * API series → chart rows. A period a series does not report, or reports with no findings, has a null
 * rate and band, so the chart leaves a gap instead of drawing a made-up zero.
 */
export function toChartRows(response: EscapeRateResponse): ChartRow[] {
  const rows = new Map<string, ChartRow>(periodsOf(response).map((period) => [period, { period }]));
  for (const series of response.series) {
    for (const row of rows.values()) {
      row[rateField(series.key)] = null;
      row[bandField(series.key)] = null;
      row[escapedField(series.key)] = 0;
      row[totalField(series.key)] = 0;
    }
    for (const point of series.points) {
      const row = rows.get(point.period);
      if (row) writePoint(row, series.key, point);
    }
  }
  return [...rows.values()];
}

function writePoint(row: ChartRow, key: string, point: EscapeRatePoint): void {
  const counted = point.total > 0;
  row[rateField(key)] = counted ? point.rate : null;
  row[bandField(key)] = counted && point.ciLow !== null && point.ciHigh !== null ? [point.ciLow, point.ciHigh] : null;
  row[escapedField(key)] = point.escaped;
  row[totalField(key)] = point.total;
}

/** What one series shows for one period, read back from a chart row (for tooltips and tables). */
export interface RowValue {
  rate: number | null;
  band: Band | null;
  escaped: number;
  total: number;
}

export function readRowValue(row: ChartRow, key: string): RowValue {
  const rate = row[rateField(key)];
  const band = row[bandField(key)];
  const escaped = row[escapedField(key)];
  const total = row[totalField(key)];
  return {
    rate: typeof rate === 'number' ? rate : null,
    band: Array.isArray(band) ? band : null,
    escaped: typeof escaped === 'number' ? escaped : 0,
    total: typeof total === 'number' ? total : 0,
  };
}

/** Nothing to chart: no series, or not a single finding in any period. */
export function isEmptyEscapeRate(response: EscapeRateResponse): boolean {
  return response.series.every((series) => series.points.every((point) => point.total === 0));
}
