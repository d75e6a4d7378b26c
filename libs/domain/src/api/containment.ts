import type { DetectionStage } from '../model/detection-stage';
import type { ContainmentRow, CostWeights, EscapeCost } from '../metrics/containment';

/** How containment groups findings: by finding class or by classification category. */
export const CONTAINMENT_GROUPINGS = ['class', 'category'] as const;
export type ContainmentGrouping = (typeof CONTAINMENT_GROUPINGS)[number];

/** `GET /api/v1/metrics/containment`: where each class (or category) of finding was first caught, and what the late ones cost. */
export interface ContainmentResponse {
  groupBy: ContainmentGrouping;
  stages: readonly DetectionStage[];
  rows: ContainmentRow[];
  cost: {
    weights: CostWeights;
    total: EscapeCost;
    byKey: Record<string, EscapeCost>;
  };
}
