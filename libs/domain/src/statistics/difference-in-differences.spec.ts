import { differenceInDifferences, proportionContrast } from './difference-in-differences';
import { normalQuantile } from './special-functions';

describe(proportionContrast.name, () => {
  const sut = proportionContrast;
  const groups = [
    { escaped: 26, total: 60 },
    { escaped: 24, total: 60 },
    { escaped: 38, total: 60 },
  ];

  it("reproduces Price & Bonett's adjusted Wald interval as R's statpsych::ci.lc.prop.bs documents it (example 1)", () => {
    // ci.lc.prop.bs(.05, f = c(26, 24, 38), n = c(60, 60, 60), v = c(-.5, -.5, 1)):
    // Estimate 0.2119565, SE 0.07602892, z 2.787841, p 0.005306059, LL 0.06294259, UL 0.3609705.
    const result = sut(groups, [-0.5, -0.5, 1], { method: 'adjusted-wald' })!;
    expect(result.method).toBe('adjusted-wald');
    expect(result.centre).toBeCloseTo(0.2119565, 7);
    expect(result.standardError).toBeCloseTo(0.07602892, 8);
    expect(result.z).toBeCloseTo(2.787841, 6);
    expect(result.pValue).toBeCloseTo(0.005306059, 9);
    expect(result.low).toBeCloseTo(0.06294259, 8);
    expect(result.high).toBeCloseTo(0.3609705, 7);
    expect(result.estimate).toBeCloseTo(38 / 60 - 25 / 60, 15);
  });

  it('reproduces statpsych::ci.lc.prop.bs example 2 (alpha .05/2, v = c(1, -1, 0), so m = 2 groups are adjusted)', () => {
    // Estimate 0.03225806, SE 0.08857951, z 0.36417, p 0.71573, LL -0.1662843, UL 0.2308004.
    const result = sut(groups, [1, -1, 0], { method: 'adjusted-wald', z: normalQuantile(1 - 0.025 / 2) })!;
    expect(result.centre).toBeCloseTo(0.03225806, 8);
    expect(result.standardError).toBeCloseTo(0.08857951, 8);
    expect(result.pValue).toBeCloseTo(0.71573, 5);
    expect(result.low).toBeCloseTo(-0.1662843, 7);
    expect(result.high).toBeCloseTo(0.2308004, 7);
  });

  it('is null when a group in the contrast is empty, and ignores empty groups with coefficient 0', () => {
    expect(sut([{ escaped: 0, total: 0 }, { escaped: 1, total: 2 }], [1, -1])).toBeNull();
    expect(sut([{ escaped: 0, total: 0 }, { escaped: 1, total: 2 }, { escaped: 1, total: 4 }], [0, 1, -1])).not.toBeNull();
  });

  it('rejects mismatched or all-zero coefficients', () => {
    expect(() => sut(groups, [1, -1])).toThrow(RangeError);
    expect(() => sut(groups, [0, 0, 0])).toThrow(RangeError);
  });
});

describe(differenceInDifferences.name, () => {
  const sut = differenceInDifferences;

  it('is (treated after − before) − (control after − before) with the Wald interval of four independent proportions', () => {
    // By hand: (0.20 − 0.40) − (0.33 − 0.38) = −0.15; Var = .16/100 + .24/100 + .2211/100 + .2356/100.
    const result = sut({ before: { escaped: 40, total: 100 }, after: { escaped: 20, total: 100 } }, { before: { escaped: 38, total: 100 }, after: { escaped: 33, total: 100 } })!;
    expect(result.method).toBe('wald');
    expect(result.estimate).toBeCloseTo(-0.15, 15);
    expect(result.centre).toBeCloseTo(-0.15, 15);
    expect(result.standardError).toBeCloseTo(Math.sqrt((0.16 + 0.24 + 0.2211 + 0.2356) / 100), 15);
    expect(result.low).toBeCloseTo(-0.33141052261896653, 12);
    expect(result.high).toBeCloseTo(0.03141052261896651, 12);
    expect(result.pValue).toBeCloseTo(0.10510261857864656, 12);
  });

  it('gives the Price–Bonett interval on request (half an escape and one finding added to each group; SciPy check)', () => {
    const result = sut(
      { before: { escaped: 40, total: 100 }, after: { escaped: 20, total: 100 } },
      { before: { escaped: 38, total: 100 }, after: { escaped: 33, total: 100 } },
      { method: 'adjusted-wald' },
    )!;
    expect(result.estimate).toBeCloseTo(-0.15, 15);
    expect(result.centre).toBeCloseTo(-0.14851485148514854, 15);
    expect(result.low).toBeCloseTo(-0.32932229303994454, 12);
    expect(result.high).toBeCloseTo(0.03229259006964744, 12);
    expect(result.pValue).toBeCloseTo(0.10741744296808513, 12);
  });

  it('does not claim certainty when every rate is 0 or 1: Wald falls back to adjusted Wald and says so', () => {
    const result = sut({ before: { escaped: 0, total: 10 }, after: { escaped: 0, total: 12 } }, { before: { escaped: 0, total: 9 }, after: { escaped: 0, total: 11 } })!;
    expect(result.method).toBe('adjusted-wald');
    expect(result.estimate).toBe(0);
    expect(result.low).toBeCloseTo(-0.23763657489366383, 12);
    expect(result.high).toBeCloseTo(0.24031722757431653, 12);
    expect(result.pValue).toBeCloseTo(0.9912293045082282, 12);
  });

  it('is null when any of the four groups is empty', () => {
    expect(sut({ before: { escaped: 1, total: 5 }, after: { escaped: 0, total: 0 } }, { before: { escaped: 1, total: 5 }, after: { escaped: 1, total: 5 } })).toBeNull();
  });
});
