import { Bar, BarChart, CartesianGrid, ErrorBar, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartContainer, ChartLegend, seriesColor, useHiddenSeries } from '../../../components/ui/chart';
import type { ChartConfig } from '../../../components/ui/chart-config';
import { ChartDownload } from '../../../components/ui/chart-download';
import { formatPercent, formatPercentAxis } from '../../../lib/format';
import { impactBarRows, impactCsv, type ImpactBarRow } from '../impact-bars';
import type { AdoptionImpactResponse, PrimaryFindingClass } from '@escapement/domain';

const IMPACT_CHART_CONFIG: ChartConfig = {
  before: { label: 'Before adoption', color: 'var(--chart-3)' },
  after: { label: 'After adoption', color: 'var(--adoption)' },
};

const SERIES_KEYS = ['before', 'after'];

export const IMPACT_CLASS_LABELS: Record<PrimaryFindingClass, string> = {
  design: 'Design-level',
  pattern: 'Pattern-level',
  unclassified: 'Unclassified',
  all: 'All findings',
};

const classLabel = (key: PrimaryFindingClass) => IMPACT_CLASS_LABELS[key] ?? key;

/** Rounds the axis top up to a tenth, so that the longest whisker fits. */
function axisTop(rows: readonly ImpactBarRow[]): number {
  const highest = Math.max(
    0.05,
    ...rows.flatMap((row) => [(row.before ?? 0) + (row.beforeWhisker?.[1] ?? 0), (row.after ?? 0) + (row.afterWhisker?.[1] ?? 0)]),
  );
  return Math.min(1, Math.ceil(highest * 10) / 10);
}

/** The adopters' escape rate per class before and after, each bar with its 95% Wilson interval as a whisker. */
export function ImpactBarsChart({ response }: { response: AdoptionImpactResponse }) {
  const rows = impactBarRows(response).map((row) => ({ ...row, label: classLabel(row.class) }));
  return (
    <ChartContainer config={IMPACT_CHART_CONFIG} seriesKeys={SERIES_KEYS} data-testid="impact-bars">
      <div className="chart-toolbar">
        <ChartLegend
          toggleable
          extra={
            <li>
              <span className="chart-swatch chart-swatch-whisker" aria-hidden="true" />
              95% interval
            </li>
          }
        />
        <ChartDownload fileName="adoption-impact" table={() => impactCsv(response, classLabel)} />
      </div>
      <Bars rows={rows} />
    </ChartContainer>
  );
}

function Bars({ rows }: { rows: (ImpactBarRow & { label: string })[] }) {
  const { hidden } = useHiddenSeries();
  const top = axisTop(rows);
  return (
    <div className="chart-plot chart-plot-short">
      <BarChart data={rows} responsive style={{ width: '100%', height: '100%' }} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} barGap={4}>
        <CartesianGrid vertical={false} className="chart-grid" />
        <XAxis dataKey="label" tickLine={false} />
        <YAxis domain={[0, top]} tickFormatter={formatPercentAxis} tickLine={false} axisLine={false} width={48} />
        <Tooltip
          cursor={{ fill: 'var(--surface-muted)' }}
          content={({ active, payload }) => {
            const row = payload?.[0]?.payload as (ImpactBarRow & { label: string }) | undefined;
            if (!active || row === undefined) return null;
            return (
              <div className="chart-tooltip">
                <div className="chart-tooltip-title">{row.label}</div>
                <p>
                  Before: {formatPercent(row.before)} ({row.beforeCounts.escaped} of {row.beforeCounts.total})
                </p>
                <p>
                  After: {formatPercent(row.after)} ({row.afterCounts.escaped} of {row.afterCounts.total})
                </p>
              </div>
            );
          }}
        />
        {!hidden.has('before') && (
          <Bar dataKey="before" name="Before adoption" fill={seriesColor('before')} className="bar-before" isAnimationActive={false}>
            <ErrorBar dataKey="beforeWhisker" width={6} stroke="var(--text)" strokeWidth={1.5} direction="y" />
          </Bar>
        )}
        {!hidden.has('after') && (
          <Bar dataKey="after" name="After adoption" fill={seriesColor('after')} className="bar-after" isAnimationActive={false}>
            <ErrorBar dataKey="afterWhisker" width={6} stroke="var(--text)" strokeWidth={1.5} direction="y" />
          </Bar>
        )}
      </BarChart>
    </div>
  );
}
