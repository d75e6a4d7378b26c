import type { EscapeRatePoint, EscapeRateResponse } from '@escapement/domain';

/** The 95% interval as Recharts draws a range area: [low, high]. */
export type Band = [number, number];

/**
 * One chart row per period. Each series `key` contributes flat fields, because Recharts reads values
 * by key: `key` (the rate of a mature cohort), `keyImmature` (the rate of a cohort still in its
 * follow-up), `keyMature`, `keyBand` ([low, high]), `keyEscaped` and `keyTotal`.
 */
export type ChartRow = { period: string } & { [field: string]: string | number | boolean | Band | null };

export const rateField = (key: string): string => key;
export const immatureField = (key: string): string => `${key}Immature`;
export const matureField = (key: string): string => `${key}Mature`;
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
 *
 * Mature and immature rates go into separate fields so that the chart can draw them as two lines (solid
 * and dashed). The last mature rate before an immature one is copied into the immature field too, so
 * the dashed segment starts where the solid line ends instead of floating apart from it.
 */
export function toChartRows(response: EscapeRateResponse): ChartRow[] {
  const rows = new Map<string, ChartRow>(periodsOf(response).map((period) => [period, { period }]));
  for (const series of response.series) {
    for (const row of rows.values()) {
      row[rateField(series.key)] = null;
      row[immatureField(series.key)] = null;
      row[matureField(series.key)] = true;
      row[bandField(series.key)] = null;
      row[escapedField(series.key)] = 0;
      row[totalField(series.key)] = 0;
    }
    for (const point of series.points) {
      const row = rows.get(point.period);
      if (row) writePoint(row, series.key, point);
    }
    joinImmatureSegment([...rows.values()], series.key);
  }
  return [...rows.values()];
}

function joinImmatureSegment(rows: ChartRow[], key: string): void {
  for (let index = 1; index < rows.length; index += 1) {
    const previous = rows[index - 1]!;
    if (rows[index]![immatureField(key)] !== null && previous[immatureField(key)] === null && previous[rateField(key)] !== null) {
      previous[immatureField(key)] = previous[rateField(key)]!;
    }
  }
}

function writePoint(row: ChartRow, key: string, point: EscapeRatePoint): void {
  const counted = point.total > 0;
  const rate = counted ? point.rate : null;
  row[rateField(key)] = point.mature ? rate : null;
  row[immatureField(key)] = point.mature ? null : rate;
  row[matureField(key)] = point.mature;
  row[bandField(key)] = counted && point.ciLow !== null && point.ciHigh !== null ? [point.ciLow, point.ciHigh] : null;
  row[escapedField(key)] = point.escaped;
  row[totalField(key)] = point.total;
}

/** What one series shows for one period, read back from a chart row (for tooltips and tables). */
export interface RowValue {
  rate: number | null;
  /** False while the cohort is still in its follow-up window: the rate may yet rise. */
  mature: boolean;
  band: Band | null;
  escaped: number;
  total: number;
}

export function readRowValue(row: ChartRow, key: string): RowValue {
  const rate = row[matureField(key)] === false ? row[immatureField(key)] : row[rateField(key)];
  const band = row[bandField(key)];
  const escaped = row[escapedField(key)];
  const total = row[totalField(key)];
  return {
    rate: typeof rate === 'number' ? rate : null,
    mature: row[matureField(key)] !== false,
    band: Array.isArray(band) ? band : null,
    escaped: typeof escaped === 'number' ? escaped : 0,
    total: typeof total === 'number' ? total : 0,
  };
}

/** How many drawn points of a series are immature: the hollow dots the chart shows. */
export function immaturePointCount(response: EscapeRateResponse, key: string): number {
  const series = response.series.find((candidate) => candidate.key === key);
  return series?.points.filter((point) => !point.mature && point.total > 0).length ?? 0;
}

/** Nothing to chart: no series, or not a single finding in any period. */
export function isEmptyEscapeRate(response: EscapeRateResponse): boolean {
  return response.series.every((series) => series.points.every((point) => point.total === 0));
}
