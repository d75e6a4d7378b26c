import { buildEscapeRateSeries } from './escape-rate-series';

describe(buildEscapeRateSeries.name, () => {
  it('gives every series the same continuous periods and a Wilson interval per point', () => {
    const sut = buildEscapeRateSeries;
    const series = sut(
      [
        { key: 'pattern', period: '2026-01-01', total: 10, escaped: 5 },
        { key: 'design', period: '2026-03-01', total: 4, escaped: 1 },
      ],
      'month',
    );
    expect(series.map((s) => s.key)).toEqual(['design', 'pattern']);
    expect(series[0].points.map((p) => p.period)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(series[0].points[0]).toEqual({ period: '2026-01-01', total: 0, escaped: 0, rate: null, ciLow: null, ciHigh: null, mature: true });
    const point = series[1].points[0];
    expect(point.rate).toBe(0.5);
    expect(point.ciLow).toBeCloseTo(0.2366, 4);
    expect(point.ciHigh).toBeCloseTo(0.7634, 4);
  });

  it('marks the points its maturity test rejects', () => {
    const series = buildEscapeRateSeries([{ key: 'design', period: '2026-01-01', total: 2, escaped: 1 }, { key: 'design', period: '2026-02-01', total: 2, escaped: 1 }], 'month', undefined, (p) => p < '2026-02-01');
    expect(series[0].points.map((p) => p.mature)).toEqual([true, false]);
  });

  it('is empty when nothing matched', () => {
    expect(buildEscapeRateSeries([], 'week')).toEqual([]);
  });
});
