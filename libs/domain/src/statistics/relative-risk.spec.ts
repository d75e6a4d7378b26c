import { relativeRisk } from './relative-risk';

describe(relativeRisk.name, () => {
  const sut = relativeRisk;

  it('matches Fagerland, Lydersen & Laake (2017), ch. 4, Katz log interval (Perondi et al. 2004: 7/34 vs 1/34) to 1e-4', () => {
    // Printed: estimate = 7.0000 (95% CI 0.9096 to 53.8695).
    const result = sut(7, 34, 1, 34)!;
    expect(result.rr).toBeCloseTo(7, 12);
    expect(result.low).toBeCloseTo(0.9096, 4);
    expect(result.high).toBeCloseTo(53.8695, 4);
    expect(result.corrected).toBe(false);
  });

  it('agrees to 1e-9 with an independent computation (Python: exp(ln rr ± 1.959963984540054·SE))', () => {
    const result = sut(7, 34, 1, 34)!;
    expect(result.low).toBeCloseTo(0.9096055118420764, 12);
    expect(result.high).toBeCloseTo(53.869506464146475, 9);
    const large = sut(60, 380, 120, 400)!;
    expect(large.rr).toBeCloseTo(0.5263157894736842, 12);
    expect(large.low).toBeCloseTo(0.3992684155379475, 12);
    expect(large.high).toBeCloseTo(0.6937896900161387, 12);
  });

  it('adds 0.5 to every cell when one group has no events, and says so', () => {
    // Corrected table: 0.5/11 vs 5.5/11 → rr = 1/11, SE = √(1/0.5 − 1/11 + 1/5.5 − 1/11) = √2.
    const result = sut(0, 10, 5, 10)!;
    expect(result.corrected).toBe(true);
    expect(result.rr).toBeCloseTo(1 / 11, 15);
    expect(result.low).toBeCloseTo((1 / 11) * Math.exp(-1.959963984540054 * Math.SQRT2), 15);
    expect(result.high).toBeCloseTo((1 / 11) * Math.exp(1.959963984540054 * Math.SQRT2), 14);
  });

  it('corrects the zero-width interval when every finding of both groups is an event', () => {
    const result = sut(4, 4, 9, 9)!;
    expect(result.corrected).toBe(true);
    expect(result.low).toBeLessThan(result.rr);
    expect(result.high).toBeGreaterThan(result.rr);
  });

  it('is not estimable (null) for an empty group or when neither group has an event', () => {
    expect(sut(0, 0, 3, 10)).toBeNull();
    expect(sut(3, 10, 0, 0)).toBeNull();
    expect(sut(0, 12, 0, 30)).toBeNull();
  });

  it('rejects impossible counts', () => {
    expect(() => sut(5, 4, 1, 2)).toThrow(RangeError);
  });
});
