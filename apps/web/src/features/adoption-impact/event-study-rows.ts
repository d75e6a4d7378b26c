import type { EventStudyPoint } from '@escapement/domain';

export interface EventStudyRow {
  quarter: number;
  label: string;
  /** Percentage points, as drawn. */
  estimate: number | null;
  /** Distances below and above the estimate, for Recharts' ErrorBar; null at the reference quarter. */
  whisker: [number, number] | null;
  low: number | null;
  high: number | null;
  reference: boolean;
}

/** "Q−1" for the last quarter before adoption, "Q+1" for the first after (quarter 0 of the domain). */
export function quarterLabel(quarter: number): string {
  const n = quarter < 0 ? quarter : quarter + 1;
  return `Q${n < 0 ? '−' : '+'}${Math.abs(n)}`;
}

/**
 * The event study as chart rows, in percentage points: one per quarter with an estimate, in order. The
 * reference quarter (−1) is 0 by construction and has no interval.
 */
export function eventStudyRows(points: readonly EventStudyPoint[]): EventStudyRow[] {
  return [...points]
    .filter((p) => p.estimate !== null)
    .sort((a, b) => a.quarter - b.quarter)
    .map((p) => {
      const estimate = p.estimate! * 100;
      const low = p.low === null ? null : p.low * 100;
      const high = p.high === null ? null : p.high * 100;
      return {
        quarter: p.quarter,
        label: quarterLabel(p.quarter),
        estimate,
        low,
        high,
        whisker: low !== null && high !== null ? [estimate - low, high - estimate] : null,
        reference: p.quarter === -1,
      };
    });
}
