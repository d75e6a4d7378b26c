import type { DetectionStage } from '../model/detection-stage';

/** A calendar day as 'YYYY-MM-DD' (UTC). */
export type IsoDay = string;

/**
 * One finding as the verdict needs it. Counted once (one fingerprint), with the stage of its first detection
 * in time. The cohort date is when the flaw was introduced (`introducedAt`, from git blame where possible)
 * or, when that is unknown, the first detection (then `cohortDateIsFallback`).
 */
export interface VerdictFinding {
  /** The randomisation unit: a service. */
  unit: string;
  team: string | null;
  findingClass: string;
  cohortDate: IsoDay;
  cohortDateIsFallback: boolean;
  firstDetectedAt: IsoDay;
  firstStage: DetectionStage;
  /** How many findings with exactly these fields this record stands for (default 1), for aggregated queries. */
  count?: number;
}

/**
 * Pre-aggregated counts of one unit × cohort day × class (what a SQL aggregation returns): `total` findings of
 * the cohort first detected within the horizon, `escaped` of them first detected at or after the boundary
 * within the horizon, `fallback` of the `total` whose cohort date is a detection date.
 */
export interface CohortCount {
  unit: string;
  findingClass: string;
  cohortDate: IsoDay;
  total: number;
  escaped: number;
  fallback: number;
}

/** How the follow-up horizon H is chosen: a quantile of the detection-delay distribution, or fixed days. */
export type HorizonRule = { kind: 'quantile'; quantile: number } | { kind: 'days'; days: number };

export const DEFAULT_HORIZON_RULE: HorizonRule = { kind: 'quantile', quantile: 0.9 };
/** The minimal important difference, in escape-rate points (0.10 = 10 points), when none is fixed. */
export const DEFAULT_MINIMAL_IMPORTANT_DIFFERENCE = 0.1;

/** An adoption of a practice by some units from a date, optionally retired (which ends its after-window). */
export interface VerdictAdoption {
  id: string;
  units: readonly string[];
  startedAt: IsoDay;
  retiredAt?: IsoDay | null;
}

export interface VerdictSettings {
  /** The class fixed in advance as the primary analysis; shown first. */
  primaryClass: string;
  boundary: DetectionStage;
  /** Classes analysed, Holm-adjusted together; `all` stands for every finding. */
  classes: readonly string[];
  minimalImportantDifference: number;
  /** Default 0.05. */
  alpha?: number;
  /** Days either side of each adoption (default 364, four 91-day quarters). */
  windowDays?: number;
  /** An adoption with less than this many days of usable window either side is left out (default 28). */
  minWindowDays?: number;
  /** Randomisation: enumerate up to this many assignments (default 20,000), else this many seeded draws. */
  exactLimit?: number;
  draws?: number;
  seed?: number;
}
