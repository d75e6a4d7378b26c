import { createContext, useCallback, useContext, useMemo, useState, type CSSProperties, type HTMLAttributes, type ReactNode } from 'react';
import { colorVariable, resolveSeries, type ChartConfig, type ResolvedSeries } from './chart-config';

const ChartSeriesContext = createContext<ResolvedSeries[] | null>(null);

/** Series a person switched off in the legend; the chart's marks read it to hide them. */
interface SeriesVisibility {
  hidden: ReadonlySet<string>;
  toggle: (key: string) => void;
}

const NO_HIDDEN: ReadonlySet<string> = new Set();
const ChartVisibilityContext = createContext<SeriesVisibility>({ hidden: NO_HIDDEN, toggle: () => undefined });

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
  const [hidden, setHidden] = useState<ReadonlySet<string>>(NO_HIDDEN);
  const toggle = useCallback(
    (key: string) =>
      setHidden((current) => {
        const next = new Set(current);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );
  const visibility = useMemo(() => ({ hidden, toggle }), [hidden, toggle]);
  return (
    <ChartSeriesContext.Provider value={series}>
      <ChartVisibilityContext.Provider value={visibility}>
        <div className={['chart', className].filter(Boolean).join(' ')} style={{ ...colors, ...style }} {...rest}>
          {children}
        </div>
      </ChartVisibilityContext.Provider>
    </ChartSeriesContext.Provider>
  );
}

export function useChartSeries(): ResolvedSeries[] {
  const series = useContext(ChartSeriesContext);
  if (series === null) throw new Error('useChartSeries must be used inside a ChartContainer');
  return series;
}

/** Which series the legend switched off, and the switch; outside a ChartContainer nothing is hidden. */
export function useHiddenSeries(): SeriesVisibility {
  return useContext(ChartVisibilityContext);
}

/** The colour of a series as a CSS value, for SVG `stroke`/`fill` attributes. */
export function seriesColor(key: string): string {
  return `var(${colorVariable(key)})`;
}

/**
 * A legend in HTML rather than SVG, so it wraps on narrow screens and is read as a list. With
 * `toggleable`, each series is a pressed/unpressed button that shows or hides it.
 */
export function ChartLegend({ extra, toggleable = false }: { extra?: ReactNode; toggleable?: boolean }) {
  const series = useChartSeries();
  const { hidden, toggle } = useHiddenSeries();
  return (
    <ul className="chart-legend">
      {series.map(({ key, label, secondary }) => {
        const swatch = (
          <span className={secondary ? 'chart-swatch chart-swatch-secondary' : 'chart-swatch'} style={{ color: seriesColor(key) }} aria-hidden="true" />
        );
        return (
          <li key={key}>
            {toggleable ? (
              <button
                type="button"
                className="legend-toggle"
                aria-pressed={!hidden.has(key)}
                data-series={key}
                title={hidden.has(key) ? `Show ${label}` : `Hide ${label}`}
                onClick={() => toggle(key)}
              >
                {swatch}
                {label}
              </button>
            ) : (
              <>
                {swatch}
                {label}
              </>
            )}
          </li>
        );
      })}
      {extra}
    </ul>
  );
}
