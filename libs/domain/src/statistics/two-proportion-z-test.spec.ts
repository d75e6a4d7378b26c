import { twoProportionZTest } from './two-proportion-z-test';

describe(twoProportionZTest.name, () => {
  const sut = twoProportionZTest;

  it("equals Pearson's chi-squared test without continuity correction: Fagerland, Lydersen & Laake (2017), ch. 4, [[3, 1], [1, 3]] → T = 2.000, P = 0.15730", () => {
    const result = sut(3, 4, 1, 4);
    expect(result.z * result.z).toBeCloseTo(2, 12);
    expect(result.pValue).toBeCloseTo(0.1573, 5);
    expect(result.pValue).toBeCloseTo(0.15729920705028513, 14); // = erfc(1), exactly
  });

  it('agrees with SciPy 1.17 (chi2_contingency, correction=False) on the Perondi et al. table: X² = 5.1, P = 0.0239258434806', () => {
    const result = sut(7, 34, 1, 34);
    expect(result.z * result.z).toBeCloseTo(5.1, 12);
    expect(result.pValue).toBeCloseTo(0.023925843480626666, 14);
  });

  it('signs z by the direction of the difference (p1 − p2)', () => {
    expect(sut(56, 70, 48, 80).z).toBeCloseTo(2.6501719512585336, 12);
    expect(sut(48, 80, 56, 70).z).toBeCloseTo(-2.6501719512585336, 12);
    expect(sut(56, 70, 48, 80).pValue).toBeCloseTo(0.008045081368196563, 14);
  });

  it('keeps tiny p-values instead of rounding them to 0', () => {
    const result = sut(900, 1000, 100, 1000);
    expect(result.pValue).toBeGreaterThan(0);
    expect(result.pValue).toBeLessThan(1e-100);
  });

  it('has nothing to test with an empty group or without variation: z = 0, p = 1', () => {
    expect(sut(0, 0, 3, 10)).toEqual({ z: 0, pValue: 1 });
    expect(sut(0, 10, 0, 30)).toEqual({ z: 0, pValue: 1 });
    expect(sut(10, 10, 30, 30)).toEqual({ z: 0, pValue: 1 });
  });
});
