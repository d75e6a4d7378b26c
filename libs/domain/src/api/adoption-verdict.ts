import type { AdoptionVerdictResult } from '../adoption-verdict/adoption-verdict';

/** An adoption as the verdict names it. */
export interface VerdictAdoptionSummary {
  id: string;
  team: string | null;
  service: string | null;
  practice: string;
  startedAt: string;
  retiredAt: string | null;
}

/**
 * The adoption verdict as the API serves it: the control-adjusted, cluster-aware analysis per class (primary
 * class first), the adoptions it covers, and whether it is the primary analysis or an exploratory one (some
 * setting was changed in the query).
 */
export interface AdoptionVerdictResponse extends AdoptionVerdictResult {
  analysis: 'primary' | 'exploratory';
  adoptions: VerdictAdoptionSummary[];
}

/** `GET /api/v1/metrics/adoption-impact?practice=NAME`: every adoption of the practice, analysed together. */
export interface PracticeImpactResponse {
  practice: string;
  verdict: AdoptionVerdictResponse;
}
