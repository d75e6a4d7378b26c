import { createContext, useContext, useMemo, type CSSProperties, type HTMLAttributes, type ReactNode } from 'react';
import { colorVariable, resolveSeries, type ChartConfig, type ResolvedSeries } from './chart-config';

const ChartSeriesContext = createContext<ResolvedSeries[] | null>(null);

interface ChartContainerProps extends HTMLAttributes<HTMLDivElement> {
  config: ChartConfig;
  /** The keys present in the data; decides which series are drawn and in which order. */
  seriesKeys: readonly string[];
  children: ReactNode;
}

/**
 * Wraps a Recharts chart: publishes each series colour as `--color-<key>` so marks, legend and tooltip
 * use one value, and gives children the resolved series through `useChartSeries`.
 */
export function ChartContainer({ config, seriesKeys, children, className, style, ...rest }: ChartContainerProps) {
  const series = useMemo(() => resolveSeries(config, seriesKeys), [config, seriesKeys]);
  const colors = Object.fromEntries(series.map(({ key, color }) => [colorVariable(key), color])) as CSSProperties;
  return (
    <ChartSeriesContext.Provider value={series}>
      <div className={['chart', className].filter(Boolean).join(' ')} style={{ ...colors, ...style }} {...rest}>
        {children}
      </div>
    </ChartSeriesContext.Provider>
  );
}

export function useChartSeries(): ResolvedSeries[] {
  const series = useContext(ChartSeriesContext);
  if (series === null) throw new Error('useChartSeries must be used inside a ChartContainer');
  return series;
}

/** The colour of a series as a CSS value, for SVG `stroke`/`fill` attributes. */
export function seriesColor(key: string): string {
  return `var(${colorVariable(key)})`;
}

/** A legend in HTML rather than SVG, so it wraps on narrow screens and is read as a list. */
export function ChartLegend({ extra }: { extra?: ReactNode }) {
  const series = useChartSeries();
  return (
    <ul className="chart-legend">
      {series.map(({ key, label, secondary }) => (
        <li key={key}>
          <span className={secondary ? 'chart-swatch chart-swatch-secondary' : 'chart-swatch'} style={{ color: seriesColor(key) }} aria-hidden="true" />
          {label}
        </li>
      ))}
      {extra}
    </ul>
  );
}
