import { compareProportions, smallestExpectedCount } from './compare-proportions';

// Independent figures: Python 3 + SciPy 1.17 (scipy.stats.fisher_exact, norm, optimize.brentq), written from
// the published formulas, not from this code.
describe(compareProportions.name, () => {
  const sut = compareProportions;

  it('uses the z-test for a large comparison and calls a clear, well-powered fall "likely real"', () => {
    const result = sut({ escaped: 120, total: 400 }, { escaped: 60, total: 380 });
    expect(result.test).toBe('z');
    expect(result.smallestExpectedCount).toBeCloseTo(87.6923076923077, 10);
    expect(result.before).toEqual({ escaped: 120, total: 400, rate: 0.3, ciLow: expect.any(Number), ciHigh: expect.any(Number) });
    expect(result.before.ciLow).toBeCloseTo(0.25716767195619705, 12);
    expect(result.before.ciHigh).toBeCloseTo(0.34663724577752153, 12);
    expect(result.after.rate).toBeCloseTo(0.15789473684210525, 15);
    expect(result.difference!.estimate).toBeCloseTo(-0.14210526315789473, 15);
    expect(result.difference!.low).toBeCloseTo(-0.19936157041533825, 12);
    expect(result.difference!.high).toBeCloseTo(-0.08345687159811116, 12);
    expect(result.relativeRisk!.rr).toBeCloseTo(0.5263157894736842, 12);
    expect(result.relativeRisk!.low).toBeCloseTo(0.3992684155379475, 12);
    expect(result.pValue).toBeCloseTo(2.497480735722577e-6, 15);
    expect(result.effectSize).toBeCloseTo(-0.34200377053222364, 12);
    expect(result.power).toBeCloseTo(0.9974793687641056, 12);
    expect(result.underpowered).toBe(false);
    expect(result.minimumDetectableDifference!.decrease).toBeCloseTo(0.08752962544408996, 9);
    expect(result.minimumDetectableDifference!.increase).toBeCloseTo(0.09540151970786725, 9);
    expect(result.verdict).toBe('likely real');
  });

  it("uses Fisher's exact test when an expected count is below 5, and says a significant but underpowered fall could be chance", () => {
    const result = sut({ escaped: 5, total: 20 }, { escaped: 0, total: 25 });
    expect(result.test).toBe('fisher');
    expect(result.smallestExpectedCount).toBeCloseTo(20 / 9, 12);
    expect(result.pValue).toBeCloseTo(0.012689900381335434, 14);
    expect(result.difference!.low).toBeCloseTo(-0.468700877618744, 12);
    expect(result.difference!.high).toBeCloseTo(-0.05810845446399843, 12);
    expect(result.relativeRisk!.corrected).toBe(true);
    expect(result.relativeRisk!.rr).toBeCloseTo(0.07342657342657342, 12);
    expect(result.effectSize).toBeCloseTo(-Math.PI / 3, 12);
    expect(result.power).toBeCloseTo(0.7496937447021862, 12);
    expect(result.underpowered).toBe(true);
    expect(result.minimumDetectableDifference!.decrease).toBeNull();
    expect(result.verdict).toBe('could be chance');
  });

  it('calls p = 0.03 with power 0.58 "could be chance": the verdict asks for power as well as p < 0.05', () => {
    const result = sut({ escaped: 30, total: 100 }, { escaped: 17, total: 100 });
    expect(result.test).toBe('z');
    expect(result.pValue).toBeCloseTo(0.030157004779830993, 14);
    expect(result.power).toBeCloseTo(0.583394329131004, 12);
    expect(result.underpowered).toBe(true);
    expect(result.minimumDetectableDifference!.decrease).toBeCloseTo(0.16278787204509332, 9);
    expect(result.verdict).toBe('could be chance');
  });

  it('calls an unchanged rate "could be chance" with p = 1', () => {
    const result = sut({ escaped: 20, total: 100 }, { escaped: 40, total: 200 });
    expect(result.pValue).toBeCloseTo(1, 12);
    expect(result.difference!.estimate).toBe(0);
    expect(result.verdict).toBe('could be chance');
  });

  it('reports an empty group as having no rate, no difference and no evidence', () => {
    const result = sut({ escaped: 3, total: 10 }, { escaped: 0, total: 0 });
    expect(result.after).toEqual({ escaped: 0, total: 0, rate: null, ciLow: null, ciHigh: null });
    expect(result.difference).toBeNull();
    expect(result.relativeRisk).toBeNull();
    expect(result.effectSize).toBeNull();
    expect(result.test).toBe('fisher');
    expect(result.pValue).toBe(1);
    expect(result.power).toBe(0);
    expect(result.minimumDetectableDifference).toEqual({ decrease: null, increase: null });
    expect(result.verdict).toBe('could be chance');
    expect(sut({ escaped: 0, total: 0 }, { escaped: 0, total: 0 }).minimumDetectableDifference).toBeNull();
  });

  it('follows the options: a stricter alpha widens the intervals and can change the verdict', () => {
    const strict = sut({ escaped: 80, total: 200 }, { escaped: 40, total: 200 }, { alpha: 0.00001 });
    const usual = sut({ escaped: 80, total: 200 }, { escaped: 40, total: 200 });
    expect(usual.verdict).toBe('likely real');
    expect(strict.verdict).toBe('could be chance'); // p = 1.27e-5 > 1e-5
    expect(strict.difference!.high - strict.difference!.low).toBeGreaterThan(usual.difference!.high - usual.difference!.low);
    expect(sut({ escaped: 80, total: 200 }, { escaped: 40, total: 200 }, { minimumExpectedCount: 100 }).test).toBe('fisher');
  });

  it('rejects impossible counts and options', () => {
    expect(() => sut({ escaped: 5, total: 4 }, { escaped: 1, total: 2 })).toThrow(RangeError);
    expect(() => sut({ escaped: 1, total: 4 }, { escaped: 1, total: 2 }, { alpha: 0 })).toThrow(RangeError);
  });
});

describe(smallestExpectedCount.name, () => {
  it('is the smallest row total × column total / grand total of the 2×2 table', () => {
    expect(smallestExpectedCount(0, 25, 5, 20)).toBeCloseTo((20 * 5) / 45, 15);
    expect(smallestExpectedCount(40, 50, 45, 50)).toBeCloseTo((50 * 15) / 100, 15);
    expect(smallestExpectedCount(0, 0, 0, 0)).toBe(0);
  });
});
