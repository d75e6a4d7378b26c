import type { AdoptionVerdictResult } from '../adoption-verdict/adoption-verdict';
import type { DetectionStage } from '../model/detection-stage';
import type { PrimaryAnalysis, PrimaryFindingClass } from '../model/primary-analysis';
import type { EscapeCounts } from '../statistics/counts';
import type { ProportionComparison } from '../statistics/compare-proportions';
import type { ContrastInterval } from '../statistics/difference-in-differences';

/** An adoption as the verdict names it. */
export interface VerdictAdoptionSummary {
  id: string;
  team: string | null;
  service: string | null;
  practice: string;
  startedAt: string;
  retiredAt: string | null;
}

/** A setting of the primary analysis that the query changed, which makes the analysis exploratory. */
export type ExploratorySetting = 'class' | 'boundary' | 'horizon' | 'minimalImportantDifference';

/**
 * The adoption verdict as the API serves it: the control-adjusted, cluster-aware analysis per class (primary
 * class first), the adoptions it covers, the primary analysis fixed when the adoption was recorded, and
 * whether this is that primary analysis or an exploratory one (the query changed one of its settings).
 */
export interface AdoptionVerdictResponse extends AdoptionVerdictResult {
  analysis: 'primary' | 'exploratory';
  /** As recorded on the adoption; pooled over a practice: the earliest adoption's, fixed before any other's. */
  primaryAnalysis: PrimaryAnalysis;
  /** The settings the query changed from `primaryAnalysis`; empty exactly when `analysis` is 'primary'. */
  exploratorySettings: ExploratorySetting[];
  adoptions: VerdictAdoptionSummary[];
}

/** `GET /api/v1/metrics/adoption-impact?practice=NAME`: every adoption of the practice, analysed together. */
export interface PracticeImpactResponse {
  practice: string;
  verdict: AdoptionVerdictResponse;
}

/** One group's counts in the two windows, and its own before/after comparison (null when a window is empty). */
export interface ImpactArm {
  before: EscapeCounts;
  after: EscapeCounts;
  comparison: ProportionComparison | null;
}

/** Per class (and 'all'): the adopters' and the control's own changes — context beside the verdict, never the verdict. */
export interface ImpactClassResult {
  class: PrimaryFindingClass;
  treated: ImpactArm;
  control: ImpactArm;
  /** Findings taken as independent (no clustering): context only. */
  differenceInDifferences: ContrastInterval | null;
}

/** `GET /api/v1/metrics/adoption-impact?adoption=ID` (or `team`, `service`): one adoption. */
export interface AdoptionImpactResponse {
  adoption: VerdictAdoptionSummary;
  boundary: DetectionStage;
  windowDays: number;
  followUpDays: number;
  /** `to` is exclusive; the after-window ends at a retirement. */
  windows: { before: { from: string; to: string }; after: { from: string; to: string } };
  control: { services: number };
  classes: ImpactClassResult[];
  /** The headline: per class, the control-adjusted, cluster-aware verdict (docs/metrics.md, "Adoption verdict"). */
  verdict: AdoptionVerdictResponse;
}
