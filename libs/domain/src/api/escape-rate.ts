import type { DetectionStage } from '../model/detection-stage';
import type { EscapeRateGrouping, TimeBucket } from '../model/bucket';

/** One bucket of one series: counts and the rate with its 95% Wilson interval. */
export interface EscapeRatePoint {
  /** Start of the UTC period, ISO date (YYYY-MM-DD). */
  period: string;
  total: number;
  escaped: number;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export interface EscapeRateSeries {
  key: string;
  points: EscapeRatePoint[];
}

export interface EscapeRateResponse {
  boundary: DetectionStage;
  bucket: TimeBucket;
  groupBy: EscapeRateGrouping;
  series: EscapeRateSeries[];
}
