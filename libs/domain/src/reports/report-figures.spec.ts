import { leakiestComponents, pooledRate, reportRate } from './report-figures';

describe(pooledRate.name, () => {
  it('adds counts before dividing', () => {
    expect(pooledRate([{ total: 10, escaped: 5 }, { total: 90, escaped: 5 }])).toMatchObject({ findings: 100, escaped: 10, rate: 0.1 });
    expect(reportRate(0, 0)).toEqual({ findings: 0, escaped: 0, rate: null, ciLow: null, ciHigh: null });
  });
});

describe(leakiestComponents.name, () => {
  it('ranks components by escapes over the period, leaving out unmodelled escapes', () => {
    const point = (escaped: number, contextGap: number) => ({ escaped, contextGap, modelGap: escaped - contextGap });
    const sut = leakiestComponents([
      { key: '(unmodelled)', points: [point(50, 0)] },
      { key: 'api / auth', points: [point(1, 1), point(2, 0)] },
      { key: 'api / ledger', points: [point(3, 3)] },
      { key: 'api / quiet', points: [point(0, 0)] },
    ]);
    expect(sut).toEqual([
      { component: 'api / auth', escaped: 3, contextGap: 1, modelGap: 2 },
      { component: 'api / ledger', escaped: 3, contextGap: 3, modelGap: 0 },
    ]);
  });
});
