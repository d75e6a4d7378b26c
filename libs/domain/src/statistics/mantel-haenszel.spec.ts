import { mantelHaenszel, type StratumTable } from './mantel-haenszel';

describe(mantelHaenszel.name, () => {
  const sut = mantelHaenszel;

  /**
   * Agresti (1990), Categorical Data Analysis, pp. 231–237, penicillin and rabbits (the example of R's
   * `mantelhaen.test`): cured (a, c) or died (b, d) after immediate (a, b) or 1.5 h delayed (c, d)
   * injection, in five strata of penicillin level. Published: "p = 0.047" for the classical
   * continuity-corrected test; the Mantel–Haenszel estimate of the common odds ratio is 7.0.
   */
  const rabbits: StratumTable[] = [
    { a: 0, b: 6, c: 0, d: 5 },
    { a: 3, b: 3, c: 0, d: 6 },
    { a: 6, b: 0, c: 2, d: 4 },
    { a: 5, b: 1, c: 6, d: 0 },
    { a: 2, b: 0, c: 5, d: 0 },
  ];

  it('reproduces the published penicillin and rabbits example: OR 7.0, p = 0.047', () => {
    const result = sut(rabbits);
    expect(result.oddsRatio).toBeCloseTo(7, 12);
    expect(result.pValue!.toFixed(3)).toBe('0.047');
  });

  it('agrees with a hand computation of every term', () => {
    // Σ(a − E[a]) = (3 − 1.5) + (6 − 4) + (5 − 5.5) = 3; Σ var = 0.613636 + 0.727273 + 0.25 = 1.590909.
    const variance = (6 * 6 * 3 * 9) / (144 * 11) + (6 * 6 * 8 * 4) / (144 * 11) + (6 * 6 * 11 * 1) / (144 * 11);
    const result = sut(rabbits);
    expect(result.chiSquared).toBeCloseTo((3 - 0.5) ** 2 / variance, 12);
    expect(result.chiSquared).toBeCloseTo(3.928571, 6);
    // Robins–Breslow–Greenland: R = Σad/n = 1.5 + 2 = 3.5 (strata 2, 3), S = Σbc/n = 0.5 (stratum 4).
    const pr = (9 / 12) * 1.5 + (10 / 12) * 2;
    const psqr = (3 / 12) * 1.5 + (2 / 12) * 2 + (5 / 12) * 0.5;
    const qs = (7 / 12) * 0.5;
    const se = Math.sqrt(pr / (2 * 3.5 ** 2) + psqr / (2 * 3.5 * 0.5) + qs / (2 * 0.5 ** 2));
    expect(result.low).toBeCloseTo(7 * Math.exp(-1.959963984540054 * se), 12);
    expect(result.high).toBeCloseTo(7 * Math.exp(1.959963984540054 * se), 12);
    expect(result.strata).toBe(5);
    expect(result.informativeStrata).toBe(5);
  });

  it('with one stratum equals the crude odds ratio', () => {
    const result = sut([{ a: 10, b: 90, c: 20, d: 80 }]);
    expect(result.oddsRatio).toBeCloseTo((10 * 80) / (90 * 20), 12);
  });

  it('is not estimable without discordant products, and has no test without variance', () => {
    expect(sut([{ a: 0, b: 5, c: 0, d: 5 }])).toMatchObject({ oddsRatio: null, low: null, chiSquared: null, pValue: null });
    expect(sut([])).toMatchObject({ strata: 0, informativeStrata: 0, oddsRatio: null });
  });

  it('refuses counts that are not counts', () => {
    expect(() => sut([{ a: -1, b: 2, c: 0, d: 1 }])).toThrow(RangeError);
  });
});
