import { DETECTION_STAGES, type DetectionStage } from '../model/detection-stage';
import { SEVERITIES, type Severity } from '../model/finding';

/** One aggregated row: how many findings of one group (`key`, e.g. a class or category) were first detected at a stage. */
export interface ContainmentCountRow {
  stage: DetectionStage;
  key: string;
  count: number;
}

/** Phase containment of one group of findings. */
export interface ContainmentRow {
  key: string;
  total: number;
  /** Findings first detected at each stage. */
  counts: Record<DetectionStage, number>;
  /** Findings first detected at or before each stage (stopped by the end of it). */
  cumulative: Record<DetectionStage, number>;
  /** cumulative / total: the share stopped at or before each stage; null when the group has no findings. */
  cumulativeShare: Record<DetectionStage, number | null>;
}

function stageRecord<T>(value: (stage: DetectionStage) => T): Record<DetectionStage, T> {
  return Object.fromEntries(DETECTION_STAGES.map((stage) => [stage, value(stage)])) as Record<DetectionStage, T>;
}

function assertCount(functionName: string, count: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`${functionName} needs non-negative integer counts, got ${count}`);
}

/**
 * Phase containment matrix (stage detected × group). For each key: the findings first detected at each stage,
 * and the cumulative share stopped at or before each stage, in the order of DETECTION_STAGES (design <
 * code_review < ci < pre_release < production); the share at `production` is 1 by construction. Read across a
 * row, it shows where a class of flaw is caught: a design-class row whose share stays low until production is
 * the pattern context-aware practice is meant to change.
 *
 * Rows with the same stage and key are added up. Keys come out in the order they first appear, so the caller
 * decides the order (e.g. design, pattern, unclassified). Every finding must be counted once, at the stage of its first
 * detection in time, as everywhere in escape maths.
 */
export function containmentMatrix(rows: readonly ContainmentCountRow[]): ContainmentRow[] {
  const byKey = new Map<string, Record<DetectionStage, number>>();
  for (const row of rows) {
    assertCount('containmentMatrix', row.count);
    if (!DETECTION_STAGES.includes(row.stage)) throw new RangeError(`containmentMatrix: unknown stage ${String(row.stage)}`);
    const counts = byKey.get(row.key) ?? stageRecord(() => 0);
    counts[row.stage] += row.count;
    byKey.set(row.key, counts);
  }
  return [...byKey].map(([key, counts]) => {
    const total = DETECTION_STAGES.reduce((sum, stage) => sum + counts[stage], 0);
    let running = 0;
    const cumulative = stageRecord((stage) => (running += counts[stage]));
    return {
      key,
      total,
      counts,
      cumulative,
      cumulativeShare: stageRecord((stage) => (total === 0 ? null : cumulative[stage] / total)),
    };
  });
}

/** Relative cost multipliers: one per detection stage and one per severity; the cost of a finding is their product. */
export interface CostWeights {
  stage: Record<DetectionStage, number>;
  severity: Record<Severity, number>;
}

/**
 * Default relative costs of a finding, in "design-stage low-severity finding" units. They are placeholders to
 * be replaced by an organisation's own figures (e.g. hours or incident costs per stage), and they are chosen
 * modest on purpose.
 *
 * Stage multipliers 1 : 2 : 3 : 5 : 10 (design, code_review, ci, pre_release, production).
 * Sources, and why they are not used as they stand:
 * - The ratios usually quoted — 1 : 6.5 : 15 : 60–100 (design, before test, test, after release) — come from
 *   Pressman's "Software Engineering: A Practitioner's Approach", citing course notes of an "IBM Systems
 *   Sciences Institute" (1981) — the often-seen "1:6:15:100". No underlying data set has been found; Bossavit
 *   ("The Leprechauns of Software Engineering", Leanpub, and his published notes tracing the citation) shows
 *   how the figure spread by citation alone.
 * - The "30×" production multiplier is the NIST/RTI Planning Report 02-3, "The Economic Impacts of Inadequate
 *   Infrastructure for Software Testing" (2002), Table 5-1: requirements/design 1×, coding/unit test 5×,
 *   integration/system test 10×, beta test 15×, post-release 30×. It concerns software defects in general,
 *   not security flaws, and is re-quoted far outside its context.
 * - Boehm's data (Software Engineering Economics, 1981) showed ratios near 100:1 for large projects but about
 *   5:1 for small, non-critical ones (Boehm & Basili, "Software Defect Reduction Top 10 List", IEEE Computer
 *   34(1), 2001).
 * - Menzies, Nichols, Shull & Layman ("Are delayed issues harder to resolve?", Empirical Software Engineering
 *   22:1903–1935, 2017) found no consistent increase of effort to fix with phase delay in 171 projects.
 * So production is set one order of magnitude above design — below NIST's 30× and the folklore 100×, above
 * the flat curve of Menzies et al. — because a production security escape costs more than its fix (exposure,
 * incident response, disclosure), which fix-effort studies do not count. Treat any cost figure built on these
 * defaults as an illustration of shift-left, not a measurement, and configure them.
 *
 * Severity multipliers info 0, low 1, medium 2, high 4, critical 8: a doubling per level, a convention and
 * nothing more. Severity labels are ordinal; the CVSS v3.1 specification (FIRST, 2019) maps base scores to
 * them (low 0.1–3.9, medium 4.0–6.9, high 7.0–8.9, critical 9.0–10.0) and says CVSS measures severity, not
 * risk, so no published source gives a cost ratio between levels. Informational findings are not flaws and
 * cost 0.
 */
export const DEFAULT_COST_WEIGHTS: CostWeights = Object.freeze({
  stage: Object.freeze({ design: 1, code_review: 2, ci: 3, pre_release: 5, production: 10 }),
  severity: Object.freeze({ info: 0, low: 1, medium: 2, high: 4, critical: 8 }),
});

/** One aggregated row: how many findings of one severity were first detected at a stage. */
export interface CostCountRow {
  stage: DetectionStage;
  severity: Severity;
  count: number;
}

export interface EscapeCost {
  total: number;
  byStage: Record<DetectionStage, number>;
  bySeverity: Record<Severity, number>;
}

/**
 * Relative cost of a set of findings: Σ count × weights.stage[stage] × weights.severity[severity], in total,
 * per stage and per severity. Comparing the totals before and after an adoption shows whether findings moved
 * to cheaper stages (or fewer were found); to cost only escapes, pass only the rows at or after the boundary
 * stage, or read `byStage`. The unit is whatever the weights are in (by default, relative units; see
 * DEFAULT_COST_WEIGHTS and its doubts).
 */
export function escapeCost(counts: readonly CostCountRow[], weights: CostWeights = DEFAULT_COST_WEIGHTS): EscapeCost {
  for (const value of [...Object.values(weights.stage), ...Object.values(weights.severity)]) {
    if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`escapeCost needs finite non-negative weights, got ${value}`);
  }
  const byStage = stageRecord(() => 0);
  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  let total = 0;
  for (const row of counts) {
    assertCount('escapeCost', row.count);
    const stageWeight = weights.stage[row.stage];
    const severityWeight = weights.severity[row.severity];
    if (stageWeight === undefined || severityWeight === undefined) throw new RangeError(`escapeCost: no weight for ${String(row.stage)}/${String(row.severity)}`);
    const cost = row.count * stageWeight * severityWeight;
    byStage[row.stage] += cost;
    bySeverity[row.severity] += cost;
    total += cost;
  }
  return { total, byStage, bySeverity };
}
