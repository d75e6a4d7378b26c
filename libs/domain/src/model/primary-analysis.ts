import type { HorizonRule } from '../adoption-verdict/verdict-input';
import type { DetectionStage } from './detection-stage';

/**
 * The analysis of an adoption fixed when it is recorded, before its after-window has data, so that the
 * verdict cannot be chosen after seeing the results: which findings, which escape boundary, how the
 * follow-up horizon is set, and the smallest change in escape rate that would matter.
 */
export interface PrimaryAnalysis {
  findingClass: PrimaryFindingClass;
  boundary: DetectionStage;
  /** `p90`: the 90th percentile of the organisation's detection delay (50–99); `180d`: a fixed 180 days. */
  horizonRule: string;
  /** On the risk-difference scale: 0.10 is 10 percentage points of escape rate. Above 0, at most 1. */
  minimalImportantDifference: number;
}

export const PRIMARY_FINDING_CLASSES = ['design', 'pattern', 'unclassified', 'all'] as const;
export type PrimaryFindingClass = (typeof PRIMARY_FINDING_CLASSES)[number];

export const DEFAULT_PRIMARY_ANALYSIS: Readonly<PrimaryAnalysis> = Object.freeze({
  findingClass: 'design',
  boundary: 'ci',
  horizonRule: 'p90',
  minimalImportantDifference: 0.1,
});

/** `p50`…`p99`, or `1d`…`3650d`. */
export const HORIZON_RULE_PATTERN = /^(?:p[5-9][0-9]|[1-9][0-9]{0,3}d)$/;

/**
 * The rule a horizon text names, or null when it names none (fixed horizons up to ten years): `p90` is the
 * 0.9 quantile of the detection delay, the form the verdict's horizon takes.
 */
export function parseHorizonRule(text: string): HorizonRule | null {
  if (!HORIZON_RULE_PATTERN.test(text)) return null;
  if (text.startsWith('p')) return { kind: 'quantile', quantile: Number(text.slice(1)) / 100 };
  const days = Number(text.slice(0, -1));
  return days <= 3650 ? { kind: 'days', days } : null;
}
