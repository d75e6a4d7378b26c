import type { TimeBucket } from '@escapement/domain';
import type { XAxisTickContentProps } from 'recharts';
import { periodTickLines } from '../../../lib/format';

interface PeriodTickProps extends Partial<XAxisTickContentProps> {
  periods: readonly string[];
  bucket: TimeBucket;
  /** Recharts' interval: ticks skipped between two drawn ones, to find the previous drawn period. */
  interval: number;
}

/** An X-axis tick in two lines: period, then the year where it changes. */
export function PeriodTick({ x, y, payload, periods, bucket, interval }: PeriodTickProps) {
  if (payload === undefined) return null;
  const period = String(payload.value);
  const index = periods.indexOf(period);
  const previous = index - (interval + 1) >= 0 ? periods[index - (interval + 1)]! : null;
  const [main, year] = periodTickLines(period, bucket, previous);
  return (
    <text x={x} y={y} dy={14} textAnchor="middle" className="period-tick">
      <tspan x={x}>{main}</tspan>
      {year !== null && (
        <tspan x={x} dy={14} className="period-tick-year">
          {year}
        </tspan>
      )}
    </text>
  );
}
