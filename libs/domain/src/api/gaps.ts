import type { DetectionStage } from '../model/detection-stage';
import type { TimeBucket } from '../model/bucket';

/** How the gaps metric groups escapes: all together, or per team, service, threat-model component or PWNISMS layer. */
export const GAP_GROUPINGS = ['total', 'team', 'service', 'component', 'layer'] as const;
export type GapGrouping = (typeof GAP_GROUPINGS)[number];

/** One period of one series: escapes, and why each was not stopped. */
export interface GapPoint {
  period: string;
  escaped: number;
  contextGap: number;
  modelGap: number;
  unmodelled: number;
}

export interface GapSeries {
  /** `<service> / <component key>`, or `(unmodelled)`, when grouped by component. */
  key: string;
  points: GapPoint[];
}

/** `GET /api/v1/metrics/gaps`: escapes split into context gaps, model gaps and unmodelled ones. */
export interface GapsResponse {
  boundary: DetectionStage;
  bucket: TimeBucket;
  groupBy: GapGrouping;
  series: GapSeries[];
}
