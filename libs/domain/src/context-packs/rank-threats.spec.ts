import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContextSource } from './context-source';
import { groupByLayer, rankThreats, threatImportance } from './rank-threats';

const source = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../test/fixtures/context-packs/accounts-api.json'), 'utf8')) as ContextSource;

describe(rankThreats.name, () => {
  const sut = rankThreats;

  it('keeps the threats of the selected components and those of the whole system, most important first', () => {
    const ranked = sut(source.threats, source.components, new Set(['accounts-routes']), source.escapes);
    // T-12: high 6 + open 3 + 2 escapes × 2 = 13; T-3: critical 8 + mitigated 1 = 9; T-20: medium 4 + accepted 2 = 6;
    // T-7: low 2 + mitigated 1 = 3; T-40: medium (not given) 4 + not applicable -20 = -16. T-30 is the pipeline's.
    expect(ranked.map((t) => [t.key, t.importance])).toEqual([
      ['T-12', 13],
      ['T-3', 9],
      ['T-20', 6],
      ['T-7', 3],
      ['T-40', -16],
    ]);
    expect(ranked.find((t) => t.key === 'T-12')!.escapes).toBe(2);
    expect(ranked.find((t) => t.key === 'T-3')!.components).toEqual(['accounts-routes']);
    expect(ranked.find((t) => t.key === 'T-20')!.components).toEqual([]);
  });

  it('takes the layer of the threat, else of its first selected component that has one', () => {
    const ranked = sut(source.threats, source.components, new Set(['db']), []);
    expect(ranked.find((t) => t.key === 'T-3')!.layer).toBe('workload');
    expect(sut(source.threats, source.components, new Set(['accounts-routes']), []).find((t) => t.key === 'T-3')!.layer).toBe('iam');
  });

  it('breaks ties by key, whatever order the model lists threats in', () => {
    const twins = [
      { ...source.threats[0], key: 'B', componentKeys: [] },
      { ...source.threats[0], key: 'A', componentKeys: [] },
    ];
    expect(sut(twins, source.components, new Set(), []).map((t) => t.key)).toEqual(['A', 'B']);
    expect(sut([...twins].reverse(), source.components, new Set(), []).map((t) => t.key)).toEqual(['A', 'B']);
  });
});

describe(threatImportance.name, () => {
  it('counts escapes up to five', () => {
    const threat = { severity: 'low' as const, status: 'open' as const };
    expect(threatImportance(threat, 0)).toBe(5);
    expect(threatImportance(threat, 5)).toBe(15);
    expect(threatImportance(threat, 50)).toBe(15);
  });
});

describe(groupByLayer.name, () => {
  it('orders groups by their most important threat and keeps the ranking inside each', () => {
    const ranked = rankThreats(source.threats, source.components, new Set(['accounts-routes']), source.escapes);
    const sut = groupByLayer(ranked);
    expect(sut.map((g) => [g.layer, g.threats.map((t) => t.key)])).toEqual([
      ['iam', ['T-12', 'T-3']],
      ['monitoring', ['T-20']],
      ['product', ['T-7', 'T-40']],
    ]);
  });
});
