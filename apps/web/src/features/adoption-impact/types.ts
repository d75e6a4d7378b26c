/**
 * The adoption-impact shapes are declared once, in the domain library, and used here as the API serves them;
 * these names are the feature's words for them.
 */
export type {
  AdoptionImpactResponse,
  AdoptionVerdictResponse,
  ClassVerdict,
  EventStudyPoint,
  ImpactArm,
  ImpactClassResult,
  PracticeImpactResponse,
  VerdictCode,
} from '@escapement/domain';
export type { ContrastInterval as DifferenceInDifferences, EscapeCounts as ImpactCounts, PrimaryFindingClass as ImpactClass, ProportionComparison as ImpactComparison, RateSummary as ImpactRate } from '@escapement/domain';
