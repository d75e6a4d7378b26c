import { containmentCsv, containmentHeatMap, heatLevel } from './containment-heat-map';
import { DEFAULT_COST_WEIGHTS, type ContainmentResponse, type EscapeCost } from '@escapement/domain';

const stages = ['design', 'code_review', 'ci', 'pre_release', 'production'] as const;

function row(key: string, counts: number[]): ContainmentResponse['rows'][number] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  let running = 0;
  const cumulative = counts.map((count) => (running += count));
  const record = <T>(values: T[]) => Object.fromEntries(stages.map((stage, index) => [stage, values[index]])) as Record<(typeof stages)[number], T>;
  return {
    key,
    total,
    counts: record(counts),
    cumulative: record(cumulative),
    cumulativeShare: record(cumulative.map((value) => (total ? value / total : null))),
  };
}

function noCost(): EscapeCost {
  return {
    total: 0,
    byStage: { design: 0, code_review: 0, ci: 0, pre_release: 0, production: 0 },
    bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
  };
}

const response: ContainmentResponse = {
  groupBy: 'class',
  stages: [...stages],
  rows: [row('pattern', [0, 10, 80, 8, 2]), row('unclassified', [0, 0, 1, 0, 0]), row('design', [5, 10, 5, 10, 20])],
  cost: { weights: DEFAULT_COST_WEIGHTS, total: noCost(), byKey: {} },
};

describe(containmentHeatMap.name, () => {
  it('puts classes in reading order with one cell per stage', () => {
    const sut = containmentHeatMap(response);
    expect(sut.rows.map((entry) => entry.key)).toEqual(['design', 'pattern', 'unclassified']);
    expect(sut.rows[0]!.cells.map((cell) => [cell.stage, cell.count, cell.share])).toEqual([
      ['design', 5, 0.1],
      ['code_review', 10, 0.3],
      ['ci', 5, 0.4],
      ['pre_release', 10, 0.6],
      ['production', 20, 1],
    ]);
  });

  it('colours by count against the largest cell', () => {
    const sut = containmentHeatMap(response);
    expect(sut.rows[1]!.cells[2]!.level).toBe(5);
    expect(sut.rows[2]!.cells[2]!.level).toBe(1);
    expect(sut.rows[2]!.cells[0]!.level).toBe(0);
  });

  it('writes the count and the share stopped of every cell to CSV', () => {
    const sut = containmentCsv(containmentHeatMap(response), (key) => key.toUpperCase());
    expect(sut.header.slice(0, 4)).toEqual(['class', 'total', 'design count', 'design share stopped']);
    expect(sut.rows[0]).toEqual(['DESIGN', 50, 5, 0.1, 10, 0.3, 5, 0.4, 10, 0.6, 20, 1]);
  });
});

describe(heatLevel.name, () => {
  it('keeps zero for none and at least one step for any finding', () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(1, 1000)).toBe(1);
    expect(heatLevel(1000, 1000)).toBe(5);
  });
});
