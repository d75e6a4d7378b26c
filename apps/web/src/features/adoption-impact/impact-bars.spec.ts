import { impactBarRows, impactCsv } from './impact-bars';
import { impactFixture } from './impact-fixture';

describe(impactBarRows.name, () => {
  it('gives each class its before and after rate with whiskers to the interval ends', () => {
    const [design] = impactBarRows(impactFixture());
    expect(design!.class).toBe('design');
    expect(design!.before).toBe(0.3);
    expect(design!.beforeWhisker![0]).toBeCloseTo(0.08, 10);
    expect(design!.beforeWhisker![1]).toBeCloseTo(0.1, 10);
    expect(design!.after).toBe(0.18);
  });

  it('keeps the rate of a side without a comparison, without whiskers, and no rate for an empty window', () => {
    const [, pattern] = impactBarRows(impactFixture());
    expect(pattern).toMatchObject({ before: null, beforeWhisker: null, after: 0.2, afterWhisker: null });
  });
});

describe(impactCsv.name, () => {
  it('writes a line per class with its interval, counts, test and verdict', () => {
    const sut = impactCsv(impactFixture(), (key) => key);
    expect(sut.header).toHaveLength(14);
    expect(sut.rows[0]![0]).toBe('design');
    expect(sut.rows[0]![2]).toBeCloseTo(0.22, 10);
    expect(sut.rows[0]!.slice(11)).toEqual(['z', 0.0455, 'could be chance']);
    expect(sut.rows[1]!.slice(11)).toEqual([null, null, null]);
  });
});
