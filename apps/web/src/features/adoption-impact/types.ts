import type { DetectionStage } from '@escapement/domain';

export interface ImpactRate {
  escaped: number;
  total: number;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/** One group's before/after comparison, as `compareProportions` in the domain library computes it. */
export interface ImpactComparison {
  before: ImpactRate;
  after: ImpactRate;
  difference: { estimate: number; low: number; high: number } | null;
  relativeRisk: { rr: number; low: number; high: number; corrected: boolean } | null;
  test: 'fisher' | 'z';
  smallestExpectedCount: number;
  pValue: number;
  effectSize: number | null;
  power: number;
  underpowered: boolean;
  minimumDetectableDifference: { decrease: number | null; increase: number | null } | null;
  verdict: 'likely real' | 'could be chance';
}

export interface ImpactCounts {
  total: number;
  escaped: number;
}

export interface ImpactArm {
  before: ImpactCounts;
  after: ImpactCounts;
  comparison: ImpactComparison | null;
}

export interface DifferenceInDifferences {
  estimate: number;
  low: number;
  high: number;
  standardError: number;
  z: number;
  pValue: number;
  method: 'wald' | 'adjusted-wald';
}

export type ImpactClass = 'design' | 'pattern' | 'unclassified' | 'all';

export interface ImpactClassResult {
  class: ImpactClass;
  treated: ImpactArm;
  control: ImpactArm;
  differenceInDifferences: DifferenceInDifferences | null;
}

/** `GET /metrics/adoption-impact`. */
export interface AdoptionImpactResponse {
  adoption: { id: string; team: string | null; service: string | null; practice: string; startedAt: string };
  boundary: DetectionStage;
  windowDays: number;
  followUpDays: number;
  /** `to` is exclusive. */
  windows: { before: { from: string; to: string }; after: { from: string; to: string } };
  control: { services: number };
  classes: ImpactClassResult[];
}
