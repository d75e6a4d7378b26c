import { cohensH, minimumDetectableDifference, twoProportionPower } from './power';

describe(cohensH.name, () => {
  const sut = cohensH;

  it('is 2·asin√p1 − 2·asin√p2: exact values from Cohen (1988) Table 6.2.1 (φ(.25) = π/3, φ(.5) = π/2, φ(.75) = 2π/3)', () => {
    expect(sut(0.75, 0.25)).toBeCloseTo(Math.PI / 3, 14);
    expect(sut(0.5, 0)).toBeCloseTo(Math.PI / 2, 14);
    expect(sut(1, 0)).toBeCloseTo(Math.PI, 14);
    expect(sut(0.25, 0.75)).toBeCloseTo(-Math.PI / 3, 14);
    expect(sut(0.3, 0.3)).toBe(0);
  });

  it('rejects rates outside [0, 1]', () => {
    expect(() => sut(1.2, 0.5)).toThrow(RangeError);
  });
});

describe(twoProportionPower.name, () => {
  const sut = twoProportionPower;

  it("matches R's power.prop.test(n = 50, p1 = .50, p2 = .75) → power = 0.7401659 (R documentation example)", () => {
    // R's default (strict = FALSE) omits rejection in the wrong direction; here it is included, which adds
    // Φ((−0.25·√50 − 1.96·√(2·.625·.375)) / √(.25 + .1875)) = 1.29e-6. Hence the 2e-6 tolerance.
    expect(Math.abs(sut(0.5, 50, 0.75, 50) - 0.7401659)).toBeLessThan(2e-6);
    expect(sut(0.5, 50, 0.75, 50)).toBeCloseTo(0.7401671934536109, 12); // strict = TRUE, computed with SciPy
  });

  it('agrees to 1e-12 with an independent SciPy computation for unequal groups', () => {
    expect(sut(0.3, 200, 0.2, 150)).toBeCloseTo(0.5645439880519946, 12);
    expect(sut(0.05, 1000, 0.02, 800)).toBeCloseTo(0.9300737752223961, 12);
  });

  it('is about alpha when there is no difference, 0 without data, and deterministic when both rates are 0 or 1', () => {
    expect(sut(0.3, 1000, 0.3, 1000)).toBeCloseTo(0.05, 12);
    expect(sut(0.3, 0, 0.2, 100)).toBe(0);
    expect(sut(0, 10, 1, 10)).toBe(1);
    expect(sut(0, 10, 0, 10)).toBe(0);
  });

  it('rejects impossible rates, sizes and levels', () => {
    expect(() => sut(-0.1, 10, 0.2, 10)).toThrow(RangeError);
    expect(() => sut(0.1, -10, 0.2, 10)).toThrow(RangeError);
    expect(() => sut(0.1, 10, 0.2, 10, 1)).toThrow(RangeError);
  });
});

describe(minimumDetectableDifference.name, () => {
  const sut = minimumDetectableDifference;

  it('finds the difference at which the power reaches the target (SciPy brentq on the same power formula, to 1e-9)', () => {
    const result = sut(200, 150, 0.3);
    expect(result.decrease).toBeCloseTo(0.12863983535679785, 9);
    expect(result.increase).toBeCloseTo(0.14546561428812213, 9);
    expect(twoProportionPower(0.3, 200, 0.3 - result.decrease!, 150)).toBeCloseTo(0.8, 9);
  });

  it("inverts R's power.prop.test: at the n solving power = .9 for .50 vs .75, the detectable rise from .50 is .25", () => {
    // Solved to 1e-12 with SciPy (R's own printed n = 76.65294 is only as exact as uniroot's default tolerance).
    expect(sut(76.70692845177756, 76.70692845177756, 0.5, 0.05, 0.9).increase).toBeCloseTo(0.25, 6);
  });

  it('is null in a direction where even the extreme rate would not be detected', () => {
    const result = sut(20, 25, 0.25);
    expect(result.decrease).toBeNull(); // a fall from 5/20 to 0/25 has power 0.75 < 0.8
    expect(result.increase).toBeCloseTo(0.4077696916888579, 9);
    expect(sut(10, 10, 0).decrease).toBeNull();
    expect(sut(0, 10, 0.2)).toEqual({ decrease: null, increase: null });
  });
});
