import type { TimeBucket } from '@escapement/domain';

/** A point of the chart: one series (a finding class) in one period. */
export interface ChartPointRef {
  seriesKey: string;
  period: string;
  bucket: TimeBucket;
}

/**
 * Where a point leads: the page that owns the findings builds the address, so this feature does not
 * need to know the findings page. Null leaves the point without a link.
 */
export type PointHref = (point: ChartPointRef) => string | null;
