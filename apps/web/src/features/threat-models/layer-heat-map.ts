import { type GapSeries, type ModelComponentDto, PWNISMS_LABELS, PWNISMS_LAYERS, type PwnismsLayer } from '@escapement/domain';

/** Escapes of one component in one period, split by why the context did not stop them. */
export interface HeatCell {
  period: string;
  escaped: number;
  contextGap: number;
  modelGap: number;
}

export interface HeatRow {
  componentKey: string;
  name: string;
  cells: HeatCell[];
  total: Omit<HeatCell, 'period'>;
}

/** A PWNISMS layer with its components; a layer without components is kept, as a gap in the model's coverage. */
export interface HeatLayer {
  /** A PWNISMS layer, `none` for components without one, `other` for components of other versions. */
  layer: PwnismsLayer | 'none' | 'other';
  label: string;
  rows: HeatRow[];
}

export interface LayerHeatMap {
  periods: string[];
  layers: HeatLayer[];
  /** The largest cell, which the colour scale is relative to. */
  max: number;
  totalEscaped: number;
}

const EMPTY_TOTAL = { escaped: 0, contextGap: 0, modelGap: 0 };

/** The component key of a series keyed `<service> / <component>`, when it is this service's. */
export function componentKeyOf(seriesKey: string, service: string): string | null {
  const prefix = `${service} / `;
  return seriesKey.startsWith(prefix) ? seriesKey.slice(prefix.length) : null;
}

function isPwnismsLayer(value: string | null): value is PwnismsLayer {
  return value !== null && (PWNISMS_LAYERS as readonly string[]).includes(value);
}

/**
 * Escapes per PWNISMS layer and component over time, for one service's model. The layer is the
 * component's, from the version shown. Every component of the version has a row, escapes or not, so a
 * quiet component reads as zero and not as missing; components the gaps name but the version does not
 * (renamed or removed in another version) are grouped apart so that their escapes are not lost.
 */
export function layerHeatMap(series: readonly GapSeries[], service: string, components: readonly ModelComponentDto[]): LayerHeatMap {
  const byComponent = new Map<string, GapSeries>();
  for (const entry of series) {
    const key = componentKeyOf(entry.key, service);
    if (key !== null) byComponent.set(key, entry);
  }
  const periods = [...new Set([...byComponent.values()].flatMap((entry) => entry.points.map((point) => point.period)))].sort();

  const rowOf = (componentKey: string, name: string): HeatRow => {
    const points = new Map((byComponent.get(componentKey)?.points ?? []).map((point) => [point.period, point]));
    const cells = periods.map((period) => {
      const point = points.get(period);
      return { period, escaped: point?.escaped ?? 0, contextGap: point?.contextGap ?? 0, modelGap: point?.modelGap ?? 0 };
    });
    const total = cells.reduce(
      (sum, cell) => ({ escaped: sum.escaped + cell.escaped, contextGap: sum.contextGap + cell.contextGap, modelGap: sum.modelGap + cell.modelGap }),
      EMPTY_TOTAL,
    );
    return { componentKey, name, cells, total };
  };
  // The leakiest component first within a layer: that is the question the heat map answers.
  const byEscapes = (a: HeatRow, b: HeatRow) => b.total.escaped - a.total.escaped || a.name.localeCompare(b.name);

  const layers: HeatLayer[] = PWNISMS_LAYERS.map((layer) => ({
    layer,
    label: PWNISMS_LABELS[layer],
    rows: components
      .filter((component) => component.layer === layer)
      .map((component) => rowOf(component.key, component.name))
      .sort(byEscapes),
  }));
  const withoutLayer = components.filter((component) => !isPwnismsLayer(component.layer));
  if (withoutLayer.length > 0) {
    layers.push({ layer: 'none', label: 'No layer', rows: withoutLayer.map((component) => rowOf(component.key, component.name)).sort(byEscapes) });
  }
  const known = new Set(components.map((component) => component.key));
  const elsewhere = [...byComponent.keys()].filter((key) => !known.has(key));
  if (elsewhere.length > 0) {
    layers.push({ layer: 'other', label: 'Not in this version', rows: elsewhere.map((key) => rowOf(key, key)).sort(byEscapes) });
  }

  const cells = layers.flatMap((layer) => layer.rows.flatMap((row) => row.cells));
  return {
    periods,
    layers,
    max: cells.reduce((max, cell) => Math.max(max, cell.escaped), 0),
    totalEscaped: cells.reduce((sum, cell) => sum + cell.escaped, 0),
  };
}

/** Number of colour steps of the heat map, zero excluded. */
export const HEAT_STEPS = 5;

/**
 * The colour step of a count: 0 only for no escapes at all, so a single escape never looks like none;
 * square-root scaled, so that one very leaky component does not wash out all the others.
 */
export function heatLevel(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(HEAT_STEPS, Math.max(1, Math.ceil(Math.sqrt(value / max) * HEAT_STEPS)));
}
