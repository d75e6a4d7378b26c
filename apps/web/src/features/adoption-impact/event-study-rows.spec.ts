import { eventStudyRows, quarterLabel } from './event-study-rows';

describe(eventStudyRows.name, () => {
  it('orders quarters, draws points in percentage points with whiskers as distances, and drops quarters without an estimate', () => {
    const sut = eventStudyRows([
      { quarter: 0, estimate: -0.05, low: -0.15, high: 0.02 },
      { quarter: -1, estimate: 0, low: null, high: null },
      { quarter: -2, estimate: 0.01, low: -0.04, high: 0.06 },
      { quarter: 1, estimate: null, low: null, high: null },
    ]);
    expect(sut.map((r) => r.label)).toEqual(['Q−2', 'Q−1', 'Q+1']);
    expect(sut[0].whisker![0]).toBeCloseTo(5, 12);
    expect(sut[0].whisker![1]).toBeCloseTo(5, 12);
    expect(sut[1]).toMatchObject({ reference: true, estimate: 0, whisker: null });
    expect(sut[2].estimate).toBeCloseTo(-5, 12);
    expect(sut[2].whisker![0]).toBeCloseTo(10, 12);
    expect(sut[2].whisker![1]).toBeCloseTo(7, 12);
  });

  it('names quarters relative to adoption, with no quarter zero', () => {
    expect([-4, -1, 0, 3].map(quarterLabel)).toEqual(['Q−4', 'Q−1', 'Q+1', 'Q+4']);
  });
});
