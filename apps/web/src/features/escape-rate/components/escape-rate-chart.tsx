import type { TimeBucket } from '@escapement/domain';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartContainer, ChartLegend, seriesColor, useChartSeries, useHiddenSeries } from '../../../components/ui/chart';
import { ChartDownload } from '../../../components/ui/chart-download';
import { formatPercentAxis } from '../../../lib/format';
import type { AdoptionMarker } from '../adoption-markers';
import { escapeRateCsv } from '../chart-csv';
import { bandField, immatureField, matureField, rateField, type ChartRow } from '../chart-rows';
import { periodTickInterval, type RateAxis } from '../rate-axis';
import type { PointHref } from '../drill-down-link';
import type { WindowArea } from '../window-areas';
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
  /** Days of follow-up a cohort needs before its rate is final; named in the legend. */
  followUpDays: number;
  /** Whether any drawn point is immature, which adds its legend entry. */
  hasImmature: boolean;
  /** Spans to shade, such as the windows of a before/after comparison. */
  areas?: WindowArea[];
  /** File name of the downloads. */
  fileName: string;
  /** A newer answer is on its way; the chart stays but is shown as stale. */
  busy: boolean;
  /** Where a point leads when clicked; without it the points are not links. */
  pointHref?: PointHref;
}

/**
 * Escape rate per finding class over time: a line per class, its 95% interval as a band, adoption dates
 * as rules. Cohorts still in their follow-up are drawn as hollow points on a dashed segment, because
 * their rates can only rise as late escapes surface.
 */
export function EscapeRateChart(props: EscapeRateChartProps) {
  return (
    <ChartContainer
      config={FINDING_CLASS_CHART_CONFIG}
      seriesKeys={props.seriesKeys}
      className={props.busy ? 'is-busy' : undefined}
      data-testid="escape-rate-chart"
      aria-busy={props.busy}
    >
      <div className="chart-toolbar">
        <ChartLegend
          toggleable
          extra={
            <>
              <li>
                <span className="chart-swatch chart-swatch-band" aria-hidden="true" />
                95% interval
              </li>
              {props.hasImmature && (
                <li data-testid="legend-immature">
                  <span className="chart-swatch chart-swatch-immature" aria-hidden="true" />
                  not yet mature (younger than {props.followUpDays} days of follow-up)
                </li>
              )}
              {props.markers.length > 0 && (
                <li>
                  <span className="chart-swatch chart-swatch-adoption" aria-hidden="true" />
                  Adoption of context-aware practice
                </li>
              )}
            </>
          }
        />
        <Download rows={props.rows} fileName={props.fileName} />
      </div>
      <Plot {...props} />
      <EscapeRateTable rows={props.rows} bucket={props.bucket} pointHref={props.pointHref} />
    </ChartContainer>
  );
}

function Download({ rows, fileName }: { rows: ChartRow[]; fileName: string }) {
  const series = useChartSeries();
  const { hidden } = useHiddenSeries();
  return (
    <ChartDownload
      fileName={fileName}
      table={() =>
        escapeRateCsv(
          rows,
          series.filter(({ key }) => !hidden.has(key)),
        )
      }
    />
  );
}

interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
  payload?: ChartRow;
}

/** A hollow point for an immature cohort; nothing for the mature point where the dashed segment starts. */
function immatureDot(key: string, secondary: boolean | undefined) {
  return function ImmatureDot({ cx, cy, index, payload }: DotProps) {
    if (cx === undefined || cy === undefined || payload === undefined || payload[matureField(key)] !== false || payload[immatureField(key)] === null) {
      return <g key={`${key}-immature-none-${index}`} />;
    }
    return (
      <circle
        key={`${key}-immature-${index}`}
        cx={cx}
        cy={cy}
        r={secondary ? 2.5 : 3.5}
        fill="var(--surface)"
        stroke={seriesColor(key)}
        strokeWidth={1.5}
        className={`dot-immature dot-immature-${key}`}
        data-period={payload.period}
      />
    );
  };
}

function Plot({ rows, periods, bucket, axis, markers, areas = [], pointHref }: EscapeRateChartProps) {
  const series = useChartSeries();
  const { hidden } = useHiddenSeries();
  const interval = periodTickInterval(periods.length);
  const shown = series.filter(({ key }) => !hidden.has(key));
  const activeDot = (key: string, label: string) =>
    pointHref
      ? (dot: DotProps) => <DrillDownDot {...dot} seriesKey={key} seriesLabel={label} bucket={bucket} pointHref={pointHref} color={seriesColor(key)} />
      : { r: 5 };
  return (
    <div className="chart-plot">
      <ComposedChart data={rows} responsive style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} className="chart-grid" />
        {areas.map((area) => (
          <ReferenceArea
            key={area.kind}
            x1={area.x1}
            x2={area.x2}
            className={`window-area window-${area.kind}`}
            fill={area.kind === 'before' ? 'var(--window-before)' : 'var(--window-after)'}
            fillOpacity={1}
            stroke="none"
            label={{ value: area.label, position: 'insideBottomLeft', className: 'window-label' }}
          />
        ))}
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
        {shown.map(({ key, secondary }) => (
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
        {shown.map(({ key, label, secondary }) => (
          <Line
            key={key}
            dataKey={rateField(key)}
            name={label}
            className={`series-${key}`}
            stroke={seriesColor(key)}
            strokeWidth={secondary ? 1.5 : 2}
            strokeDasharray={secondary ? '5 4' : undefined}
            dot={{ r: secondary ? 2 : 2.5, strokeWidth: 0, fill: seriesColor(key), className: `dot-${key}` }}
            activeDot={activeDot(key, label)}
            animationDuration={500}
          />
        ))}
        {shown.map(({ key, label, secondary }) => (
          <Line
            key={`${key}-immature`}
            dataKey={immatureField(key)}
            name={`${label}, not yet mature`}
            className={`series-immature series-immature-${key}`}
            stroke={seriesColor(key)}
            strokeWidth={secondary ? 1.5 : 2}
            strokeDasharray="3 4"
            strokeOpacity={0.8}
            dot={immatureDot(key, secondary)}
            activeDot={activeDot(key, label)}
            legendType="none"
            tooltipType="none"
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
