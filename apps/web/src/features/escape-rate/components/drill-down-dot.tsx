import type { TimeBucket } from '@escapement/domain';
import { useNavigate } from 'react-router-dom';
import type { PointHref } from '../drill-down-link';
import { formatPeriod } from '../../../lib/format';

interface DrillDownDotProps {
  cx?: number;
  cy?: number;
  payload?: { period?: string };
  seriesKey: string;
  seriesLabel: string;
  bucket: TimeBucket;
  pointHref: PointHref;
  color: string;
}

/**
 * The highlighted point under the pointer, clickable: it opens the findings behind it. Keyboard users
 * reach the same links in the table of numbers under the chart.
 */
export function DrillDownDot({ cx, cy, payload, seriesKey, seriesLabel, bucket, pointHref, color }: DrillDownDotProps) {
  const navigate = useNavigate();
  if (cx === undefined || cy === undefined || payload?.period === undefined) return null;
  const period = payload.period;
  const href = pointHref({ seriesKey, period, bucket });
  return (
    <circle
      cx={cx}
      cy={cy}
      r={6}
      fill={color}
      stroke="var(--surface)"
      strokeWidth={2}
      className={href ? 'drill-dot is-link' : 'drill-dot'}
      data-series={seriesKey}
      data-period={period}
      onClick={href ? () => navigate(href) : undefined}
    >
      {href && <title>{`${seriesLabel}, ${formatPeriod(period, bucket)}: open the escaped findings`}</title>}
    </circle>
  );
}
