import type { GapSeries, ModelComponentDto } from '@escapement/domain';
import { componentKeyOf, heatLevel, layerHeatMap } from './layer-heat-map';

function component(key: string, layer: string | null): ModelComponentDto {
  return { key, name: key.toUpperCase(), description: null, type: null, trustZone: null, parent: null, layer, match: { repos: [], paths: [], services: [] } };
}

function series(key: string, points: [period: string, escaped: number, contextGap: number, modelGap: number][]): GapSeries {
  return { key, points: points.map(([period, escaped, contextGap, modelGap]) => ({ period, escaped, contextGap, modelGap, unmodelled: 0 })) };
}

const components = [component('users', 'product'), component('orgs', 'iam'), component('keys', 'iam'), component('misc', null)];
const gaps = [
  series('(unmodelled)', [['2025-01-01', 50, 0, 0]]),
  series('identity-api / keys', [['2025-04-01', 4, 1, 3]]),
  series('identity-api / orgs', [
    ['2025-01-01', 2, 2, 0],
    ['2025-04-01', 6, 1, 5],
  ]),
  series('identity-api / retired', [['2025-01-01', 1, 0, 1]]),
  series('payments-api / users', [['2025-07-01', 9, 0, 9]]),
];

describe(componentKeyOf.name, () => {
  it("takes the component of this service's series only", () => {
    expect(componentKeyOf('identity-api / api-keys', 'identity-api')).toBe('api-keys');
    expect(componentKeyOf('identity-api-v2 / x', 'identity-api')).toBeNull();
    expect(componentKeyOf('(unmodelled)', 'identity-api')).toBeNull();
  });
});

describe(layerHeatMap.name, () => {
  const sut = layerHeatMap(gaps, 'identity-api', components);

  it("spans the periods of this service's components only", () => {
    expect(sut.periods).toEqual(['2025-01-01', '2025-04-01']);
  });

  it('lists every PWNISMS layer, then components without a layer, then those of other versions', () => {
    expect(sut.layers.map((layer) => layer.layer)).toEqual(['product', 'workload', 'network', 'iam', 'secrets', 'monitoring', 'supply_chain', 'none', 'other']);
    expect(sut.layers.find((layer) => layer.layer === 'workload')!.rows).toEqual([]);
    expect(sut.layers.find((layer) => layer.layer === 'other')!.rows.map((row) => row.componentKey)).toEqual(['retired']);
  });

  it('puts the leakiest component of a layer first, with zeros where nothing escaped', () => {
    const iam = sut.layers.find((layer) => layer.layer === 'iam')!;
    expect(iam.rows.map((row) => [row.componentKey, row.total])).toEqual([
      ['orgs', { escaped: 8, contextGap: 3, modelGap: 5 }],
      ['keys', { escaped: 4, contextGap: 1, modelGap: 3 }],
    ]);
    expect(iam.rows[1]!.cells.map((cell) => cell.escaped)).toEqual([0, 4]);
    expect(sut.layers[0]!.rows[0]!.total.escaped).toBe(0);
  });

  it('scales to the largest cell and sums every escape', () => {
    expect(sut.max).toBe(6);
    expect(sut.totalEscaped).toBe(13);
  });

  it('is empty but complete when nothing escaped', () => {
    const empty = layerHeatMap([], 'identity-api', components);
    expect(empty.periods).toEqual([]);
    expect(empty.max).toBe(0);
    expect(empty.layers).toHaveLength(8);
  });
});

describe(heatLevel.name, () => {
  it('keeps zero for none and at least one step for any escape', () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(1, 1000)).toBe(1);
    expect(heatLevel(10, 10)).toBe(5);
    expect(heatLevel(5, 0)).toBe(0);
  });

  it('spreads small counts out on a square-root scale', () => {
    expect(heatLevel(25, 100)).toBe(3);
  });
});
