import { CartesianGrid, ComposedChart, ErrorBar, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartContainer, ChartLegend, seriesColor } from '../../../components/ui/chart';
import type { ChartConfig } from '../../../components/ui/chart-config';
import { eventStudyRows, quarterLabel, type EventStudyRow } from '../event-study-rows';
import type { EventStudyPoint } from '@escapement/domain';

const EVENT_STUDY_CONFIG: ChartConfig = {
  estimate: { label: 'Difference in differences per quarter', color: 'var(--adoption)' },
};
const SERIES_KEYS = ['estimate'];

const points = (value: number | null) => (value === null ? '—' : `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)}`);

/** Ticks at a round step (5, 10, 20 or 25 points) covering every whisker and zero, so zero is always a tick. */
function axisTicks(rows: readonly EventStudyRow[]): number[] {
  const values = rows.flatMap((r) => [r.low ?? r.estimate ?? 0, r.high ?? r.estimate ?? 0]);
  const low = Math.min(-5, ...values);
  const high = Math.max(5, ...values);
  const step = [5, 10, 20, 25, 50].find((s) => Math.ceil(high / s) - Math.floor(low / s) <= 8) ?? 100;
  const ticks: number[] = [];
  for (let t = Math.floor(low / step) * step; t <= Math.ceil(high / step) * step; t += step) ticks.push(t);
  return ticks;
}

/**
 * The event study: per 91-day quarter relative to adoption, the adopters' change in escape rate net of the
 * controls', against the last quarter before adoption (Q−1, zero by construction), with 95% intervals. Before
 * adoption the points should sit around zero; after it they show when an effect appears and whether it lasts.
 */
export function EventStudyChart({ points: studyPoints, title }: { points: readonly EventStudyPoint[]; title: string }) {
  const rows = eventStudyRows(studyPoints);
  if (rows.length < 2) {
    return (
      <p className="muted" data-testid="event-study-empty">
        No event study: too few quarters either side of adoption with findings in both groups.
      </p>
    );
  }
  const quarters = rows.map((r) => r.quarter);
  const ticks = axisTicks(rows);
  return (
    <ChartContainer config={EVENT_STUDY_CONFIG} seriesKeys={SERIES_KEYS} data-testid="event-study" role="figure" aria-label={title}>
      <div className="chart-toolbar">
        <ChartLegend
          extra={
            <>
              <li>
                <span className="chart-swatch chart-swatch-whisker" aria-hidden="true" />
                95% interval
              </li>
              <li>
                <span className="chart-swatch chart-swatch-adoption" aria-hidden="true" />
                Adoption
              </li>
            </>
          }
        />
      </div>
      <div className="chart-plot chart-plot-short">
        <ComposedChart data={rows} responsive style={{ width: '100%', height: '100%' }} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} className="chart-grid" />
          <XAxis
            dataKey="quarter"
            type="number"
            domain={[Math.min(...quarters) - 0.5, Math.max(...quarters) + 0.5]}
            ticks={quarters}
            tickFormatter={(q: number) => quarterLabel(q)}
            tickLine={false}
          />
          <YAxis
            domain={[ticks[0], ticks[ticks.length - 1]]}
            ticks={ticks}
            interval={0}
            tickFormatter={(v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v)}`}
            tickLine={false}
            axisLine={false}
            width={40}
          />
          <ReferenceLine y={0} className="zero-line" stroke="var(--text-muted)" />
          <ReferenceLine
            x={-0.5}
            className="adoption-line"
            stroke="var(--adoption)"
            strokeDasharray="4 3"
            label={{ value: 'Adoption', position: 'insideTopRight', fill: 'var(--adoption)', fontSize: 12 }}
          />
          <Tooltip
            cursor={false}
            content={({ active, payload }) => {
              const row = payload?.[0]?.payload as EventStudyRow | undefined;
              if (!active || row === undefined) return null;
              return (
                <div className="chart-tooltip">
                  <div className="chart-tooltip-title">{row.label}</div>
                  <p>
                    {row.reference ? 'Reference quarter (0 by construction)' : `${points(row.estimate)} points (${points(row.low)} to ${points(row.high)})`}
                  </p>
                </div>
              );
            }}
          />
          <Scatter dataKey="estimate" name="Difference in differences" fill={seriesColor('estimate')} className="event-study-points" isAnimationActive={false}>
            <ErrorBar dataKey="whisker" width={6} stroke="var(--text)" strokeWidth={1.5} direction="y" />
          </Scatter>
        </ComposedChart>
      </div>
      <details className="data-table">
        <summary>The event study as a table</summary>
        <div className="table-scroll">
          <table data-testid="event-study-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Quarter</th>
                <th scope="col" className="numeric">
                  Points
                </th>
                <th scope="col" className="numeric">
                  95% interval
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.quarter}>
                  <th scope="row">{r.label}</th>
                  <td className="numeric">{points(r.estimate)}</td>
                  <td className="numeric">{r.reference ? 'reference' : `${points(r.low)} to ${points(r.high)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </ChartContainer>
  );
}
