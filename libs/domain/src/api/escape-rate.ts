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
  /**
   * False while the cohort is younger than the follow-up window: its flaws have had less time to
   * escape, so its rate is biased low and should not be read as final.
   */
  mature: boolean;
}

export interface EscapeRateSeries {
  key: string;
  points: EscapeRatePoint[];
}

export interface EscapeRateResponse {
  boundary: DetectionStage;
  /** Days a cohort needs after its period ends before its rate counts as mature. */
  followUpDays: number;
  bucket: TimeBucket;
  groupBy: EscapeRateGrouping;
  series: EscapeRateSeries[];
}
