import type { TimeBucket } from '@escapement/domain';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartContainer, ChartLegend, seriesColor, useChartSeries } from '../../../components/ui/chart';
import { formatPercentAxis } from '../../../lib/format';
import type { AdoptionMarker } from '../adoption-markers';
import { bandField, rateField, type ChartRow } from '../chart-rows';
import { periodTickInterval, type RateAxis } from '../rate-axis';
import type { PointHref } from '../drill-down-link';
import { AdoptionLineLabel } from './adoption-line-label';
import { DrillDownDot } from './drill-down-dot';
import { FINDING_CLASS_CHART_CONFIG } from './escape-rate-chart-config';
import { EscapeRateTable } from './escape-rate-table';
import { EscapeRateTooltip } from './escape-rate-tooltip';
import { PeriodTick } from './period-tick';

export interface EscapeRateChartProps {
  rows: ChartRow[];
  periods: string[];
  seriesKeys: string[];
  bucket: TimeBucket;
  axis: RateAxis;
  markers: AdoptionMarker[];
  /** A newer answer is on its way; the chart stays but is shown as stale. */
  busy: boolean;
  /** Where a point leads when clicked; without it the points are not links. */
  pointHref?: PointHref;
}

/** Escape rate per finding class over time: a line per class, its 95% interval as a band, adoption dates as rules. */
export function EscapeRateChart(props: EscapeRateChartProps) {
  return (
    <ChartContainer
      config={FINDING_CLASS_CHART_CONFIG}
      seriesKeys={props.seriesKeys}
      className={props.busy ? 'is-busy' : undefined}
      data-testid="escape-rate-chart"
      aria-busy={props.busy}
    >
      <ChartLegend
        extra={
          <>
            <li>
              <span className="chart-swatch chart-swatch-band" aria-hidden="true" />
              95% interval
            </li>
            {props.markers.length > 0 && (
              <li>
                <span className="chart-swatch chart-swatch-adoption" aria-hidden="true" />
                Adoption of context-aware practice
              </li>
            )}
          </>
        }
      />
      <Plot {...props} />
      <EscapeRateTable rows={props.rows} bucket={props.bucket} pointHref={props.pointHref} />
    </ChartContainer>
  );
}

function Plot({ rows, periods, bucket, axis, markers, pointHref }: EscapeRateChartProps) {
  const series = useChartSeries();
  const interval = periodTickInterval(periods.length);
  return (
    <div className="chart-plot">
      <ComposedChart data={rows} responsive style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} className="chart-grid" />
        <XAxis
          dataKey="period"
          interval={interval}
          tickLine={false}
          height={40}
          tick={(tick) => <PeriodTick {...tick} periods={periods} bucket={bucket} interval={interval} />}
        />
        <YAxis domain={[0, axis.max]} ticks={axis.ticks} tickFormatter={formatPercentAxis} tickLine={false} axisLine={false} width={48} />
        <Tooltip
          cursor={{ stroke: 'var(--border-strong)' }}
          content={({ active, payload }) => (
            <EscapeRateTooltip active={active} row={payload?.[0]?.payload as ChartRow | undefined} bucket={bucket} markers={markers} />
          )}
        />
        {/* Bands first, so every line is drawn on top of every band. */}
        {series.map(({ key, secondary }) => (
          <Area
            key={`${key}-band`}
            dataKey={bandField(key)}
            className={`band-${key}`}
            fill={seriesColor(key)}
            fillOpacity={secondary ? 0.05 : 0.1}
            stroke="none"
            activeDot={false}
            legendType="none"
            tooltipType="none"
            isAnimationActive={false}
          />
        ))}
        {series.map(({ key, label, secondary }) => (
          <Line
            key={key}
            dataKey={rateField(key)}
            name={label}
            className={`series-${key}`}
            stroke={seriesColor(key)}
            strokeWidth={secondary ? 1.5 : 2}
            strokeDasharray={secondary ? '5 4' : undefined}
            dot={{ r: secondary ? 2 : 2.5, strokeWidth: 0, fill: seriesColor(key), className: `dot-${key}` }}
            activeDot={
              pointHref
                ? (dot) => <DrillDownDot {...dot} seriesKey={key} seriesLabel={label} bucket={bucket} pointHref={pointHref} color={seriesColor(key)} />
                : { r: 5 }
            }
            animationDuration={500}
          />
        ))}
        {markers.map((marker, index) => (
          <ReferenceLine
            key={marker.period}
            x={marker.period}
            className="adoption-line"
            stroke="var(--adoption)"
            strokeDasharray="4 3"
            label={(label: { viewBox?: { x?: number; y?: number } }) => (
              <AdoptionLineLabel
                viewBox={label.viewBox}
                text={marker.label}
                alignEnd={periods.indexOf(marker.period) > periods.length * 0.66}
                row={index % 3}
              />
            )}
          />
        ))}
      </ComposedChart>
    </div>
  );
}
