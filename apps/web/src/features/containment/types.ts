import type { DetectionStage } from '@escapement/domain';

/** `GET /metrics/containment`: where each class (or category) of finding was first caught. */
export interface ContainmentResponse {
  groupBy: 'class' | 'category';
  stages: DetectionStage[];
  rows: {
    key: string;
    total: number;
    counts: Record<DetectionStage, number>;
    cumulative: Record<DetectionStage, number>;
    cumulativeShare: Record<DetectionStage, number | null>;
  }[];
}
