import { recentQuarters, trendPath } from './report-quarters';

describe(recentQuarters.name, () => {
  it('lists the last complete quarter first', () => {
    expect(recentQuarters(new Date('2026-12-05T00:00:00Z'), 3)).toEqual(['2026-Q3', '2026-Q2', '2026-Q1']);
  });
});

describe(trendPath.name, () => {
  it('draws rates bottom-up and lifts the pen over periods without findings', () => {
    expect(trendPath([{ rate: 0 }, { rate: 0.5 }, { rate: null }, { rate: 1 }], 300, 100, 1)).toBe('M0.0,100.0L100.0,50.0M300.0,0.0');
  });
});
