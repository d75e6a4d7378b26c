import { rankLeakingComponents } from './leaking-components';

describe(rankLeakingComponents.name, () => {
  const point = (escaped: number, contextGap: number, modelGap: number) => ({ period: '2026-01-01', escaped, contextGap, modelGap, unmodelled: 0 });

  it('ranks components across models by escapes, sums the periods, and counts unmodelled escapes apart', () => {
    const sut = rankLeakingComponents;
    const result = sut(
      {
        boundary: 'ci',
        bucket: 'quarter',
        groupBy: 'component',
        series: [
          { key: '(unmodelled)', points: [{ ...point(4, 0, 0), unmodelled: 4 }] },
          { key: 'payments-api / refunds', points: [point(3, 1, 2), point(4, 4, 0)] },
          { key: 'identity-api / sessions', points: [point(9, 2, 7)] },
          { key: 'ledger / settlement', points: [point(0, 0, 0)] },
          { key: 'auth / tokens', points: [point(7, 0, 7)] },
        ],
      },
      2,
    );
    expect(result.unmodelled).toBe(4);
    expect(result.components).toEqual([
      { service: 'identity-api', component: 'sessions', escaped: 9, contextGap: 2, modelGap: 7 },
      { service: 'auth', component: 'tokens', escaped: 7, contextGap: 0, modelGap: 7 },
    ]);
  });

  it('breaks ties by service then component, so the order does not wobble', () => {
    const result = rankLeakingComponents({
      boundary: 'ci',
      bucket: 'quarter',
      groupBy: 'component',
      series: [
        { key: 'b / x', points: [point(2, 1, 1)] },
        { key: 'a / y', points: [point(2, 0, 2)] },
      ],
    });
    expect(result.components.map((c) => c.service)).toEqual(['a', 'b']);
  });
});
