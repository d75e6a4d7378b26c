import type { ContainmentResponse, DetectionStage } from '@escapement/domain';
import type { ChartTable } from '../../components/ui/chart-download';

export interface ContainmentCell {
  stage: DetectionStage;
  count: number;
  /** Share of the row's findings stopped at or before this stage; null for a row without findings. */
  share: number | null;
  /** Colour step 0..HEAT_STEPS by count. */
  level: number;
}

export interface ContainmentHeatRow {
  key: string;
  total: number;
  cells: ContainmentCell[];
}

export interface ContainmentHeatMap {
  stages: readonly DetectionStage[];
  rows: ContainmentHeatRow[];
}

/** Number of colour steps, zero excluded. */
export const HEAT_STEPS = 5;

/** Finding classes in the order people read them; other keys (categories) follow by size. */
const CLASS_ORDER = ['design', 'pattern', 'unclassified'];

/**
 * The colour step of a count: 0 only for none, so one finding never looks like none; square-root scaled
 * so that the stage where most findings are caught does not wash out the rest.
 */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(HEAT_STEPS, Math.max(1, Math.ceil(Math.sqrt(count / max) * HEAT_STEPS)));
}

/** Stage × class: per cell the findings first caught there and the share stopped by then. */
export function containmentHeatMap(response: ContainmentResponse): ContainmentHeatMap {
  const max = Math.max(0, ...response.rows.flatMap((row) => response.stages.map((stage) => row.counts[stage] ?? 0)));
  const rank = (key: string) => (CLASS_ORDER.includes(key) ? CLASS_ORDER.indexOf(key) : CLASS_ORDER.length);
  const rows = [...response.rows]
    .sort((a, b) => rank(a.key) - rank(b.key) || b.total - a.total || a.key.localeCompare(b.key))
    .map((row) => ({
      key: row.key,
      total: row.total,
      cells: response.stages.map((stage) => {
        const count = row.counts[stage] ?? 0;
        return { stage, count, share: row.cumulativeShare[stage] ?? null, level: heatLevel(count, max) };
      }),
    }));
  return { stages: response.stages, rows };
}

/** The heat map as CSV: per row and stage, the count and the cumulative share stopped. */
export function containmentCsv(map: ContainmentHeatMap, label: (key: string) => string): ChartTable {
  return {
    header: ['class', 'total', ...map.stages.flatMap((stage) => [`${stage} count`, `${stage} share stopped`])],
    rows: map.rows.map((row) => [label(row.key), row.total, ...row.cells.flatMap((cell) => [cell.count, cell.share])]),
  };
}
