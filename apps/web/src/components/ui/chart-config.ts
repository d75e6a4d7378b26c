/** How one series of a chart reads and looks: the single place that maps data keys to labels and colours. */
export interface SeriesStyle {
  label: string;
  /** Any CSS colour; theme variables keep charts in step with the stylesheet. */
  color: string;
  /** A catch-all series, drawn lighter so that it does not compete with the ones people read. */
  secondary?: boolean;
}

export type ChartConfig = Record<string, SeriesStyle>;

export interface ResolvedSeries extends SeriesStyle {
  key: string;
}

/** Colours for keys a config does not name (a new finding class, a team), in a fixed order. */
const FALLBACK_COLORS = ['var(--chart-4)', 'var(--chart-5)', 'var(--chart-6)'];

/**
 * The series to draw for the keys the data holds: configured keys first in config order, so colours and
 * legend order stay stable whatever order the API answers in; unknown keys after them, labelled by key.
 */
export function resolveSeries(config: ChartConfig, keys: readonly string[]): ResolvedSeries[] {
  const present = new Set(keys);
  const known = Object.keys(config).filter((key) => present.has(key));
  const unknown = keys.filter((key) => !(key in config));
  return [
    ...known.map((key) => ({ key, ...config[key]! })),
    ...unknown.map((key, index) => ({ key, label: key, color: FALLBACK_COLORS[index % FALLBACK_COLORS.length]! })),
  ];
}

/** The CSS custom property a series' colour is published under, e.g. `--color-design`. */
export function colorVariable(key: string): string {
  return `--color-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}
