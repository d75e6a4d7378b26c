import fc from 'fast-check';
import { fisherExactTest } from './fisher-exact-test';

describe(fisherExactTest.name, () => {
  const sut = fisherExactTest;

  it("reproduces Fisher's tea-tasting experiment (Fisher 1935; Agresti 2002 §3.5.2; R's fisher.test(TeaTasting))", () => {
    // R prints p-value = 0.4857 two-sided and 0.2429 for alternative = "greater"; exactly 34/70 and 17/70.
    const result = sut(3, 1, 1, 3);
    expect(result.pValue).toBeCloseTo(34 / 70, 12);
    expect(result.pGreater).toBeCloseTo(17 / 70, 12);
    expect(result.pLess).toBeCloseTo(69 / 70, 12);
  });

  it("reproduces R's fisher.test(Convictions, alternative = 'less') (Fisher 1962 twin data [[2, 15], [10, 3]]): 0.0004652", () => {
    const result = sut(2, 15, 10, 3);
    expect(result.pLess).toBeCloseTo(0.0004652, 7);
    expect(result.pLess).toBeCloseTo(0.00046518094336290503, 15); // exact rational arithmetic in Python
    expect(result.pValue).toBeCloseTo(0.0005367241191434358, 15);
  });

  it('gives 0.002759 for [[1, 9], [11, 3]] (the dieting example of the Wikipedia article on the test; exactly 0.0027594561852200836)', () => {
    const result = sut(1, 9, 11, 3);
    expect(result.pValue).toBeCloseTo(0.002759, 6);
    expect(result.pValue).toBeCloseTo(0.0027594561852200836, 15);
    expect(result.pLess).toBeCloseTo(0.0013797280926100418, 15);
  });

  it('matches Fagerland, Lydersen & Laake (2017), ch. 4 (Ritland et al. 2007, [[0, 16], [15, 57]]): P = 0.06287', () => {
    expect(sut(0, 16, 15, 57).pValue).toBeCloseTo(0.06287, 5);
    expect(sut(0, 16, 15, 57).pValue).toBeCloseTo(0.06286666463010931, 14);
  });

  it('stays exact at counts in the thousands (reference: exact rational arithmetic in Python, math.comb)', () => {
    const large = sut(1200, 3800, 1000, 4000);
    expect(Math.abs(large.pValue / 1.5366336246753894e-6 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(large.pGreater / 7.683168123376947e-7 - 1)).toBeLessThan(1e-9);
    expect(sut(2, 4998, 12, 4988).pValue).toBeCloseTo(0.012879527795575364, 12);
    expect(sut(150, 2850, 100, 2900).pValue).toBeCloseTo(0.0015006842760849652, 12);
  });

  it('treats tables equally probable up to rounding as ties, so a symmetric table has p = 1', () => {
    expect(sut(5, 5, 5, 5).pValue).toBe(1);
    expect(sut(10, 0, 0, 10).pValue).toBeCloseTo(2 / 184756, 15);
  });

  it('gives 1 for tables with an empty row or column (one possible arrangement)', () => {
    expect(sut(0, 0, 0, 0)).toEqual({ pValue: 1, pLess: 1, pGreater: 1 });
    expect(sut(5, 0, 3, 0)).toEqual({ pValue: 1, pLess: 1, pGreater: 1 });
    expect(sut(0, 0, 3, 4)).toEqual({ pValue: 1, pLess: 1, pGreater: 1 });
  });

  it('gives probabilities, unchanged by swapping rows or transposing, never below the smaller one-sided tail', () => {
    const cell = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(cell, cell, cell, cell, (a, b, c, d) => {
        const result = sut(a, b, c, d);
        expect(result.pValue).toBeGreaterThan(0);
        expect(result.pValue).toBeLessThanOrEqual(1);
        expect(result.pLess + result.pGreater).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(sut(c, d, a, b).pValue).toBeCloseTo(result.pValue, 12);
        expect(sut(a, c, b, d).pValue).toBeCloseTo(result.pValue, 12);
        expect(result.pValue).toBeGreaterThanOrEqual(Math.min(result.pLess, result.pGreater) - 1e-12);
      }),
    );
  });

  it('rejects negative or fractional counts', () => {
    expect(() => sut(-1, 2, 3, 4)).toThrow(RangeError);
    expect(() => sut(1.5, 2, 3, 4)).toThrow(RangeError);
  });
});
