import type { DetectionStage, FindingClass, TimeBucket } from '@escapement/domain';
import { lastDayOf } from '../../lib/periods';
import { DEFAULT_FINDINGS_QUERY, type FindingsQuery } from './findings-query';

/** A point of an escape-rate chart and the view it was drawn under. */
export interface ChartPoint {
  findingClass: FindingClass;
  periodStart: string;
  bucket: TimeBucket;
  boundary: DetectionStage;
  team: string | null;
  service: string | null;
  /** The chart's own period filter (inclusive), which may cut a bucket short. */
  from: string | null;
  to: string | null;
}

/**
 * The findings behind a chart point: its class, its bucket and the escapes at its boundary, for the
 * same team and service. Where the chart's period filter cuts the bucket, the cut wins, so the list
 * never reaches beyond what the chart counted.
 */
export function escapesOfPoint(point: ChartPoint): FindingsQuery {
  const bucketEnd = lastDayOf(point.periodStart, point.bucket);
  const from = point.from !== null && point.from > point.periodStart ? point.from : point.periodStart;
  const to = point.to !== null && point.to < bucketEnd ? point.to : bucketEnd;
  return {
    ...DEFAULT_FINDINGS_QUERY,
    findingClass: point.findingClass,
    escaped: true,
    boundary: point.boundary,
    team: point.team,
    service: point.service,
    from,
    to,
  };
}
