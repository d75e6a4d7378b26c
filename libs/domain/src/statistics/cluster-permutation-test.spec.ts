import { clusterPermutationPValue } from './cluster-permutation-test';

describe(clusterPermutationPValue.name, () => {
  const sut = clusterPermutationPValue;

  it('equals the exact share of relabellings at least as extreme when few are possible', () => {
    // One stratum, four changes, two exposed: C(4,2) = 6 equally likely labellings. Exposed escape counts
    // (1 of 1 each) against unexposed (0 of 1 each): only the observed labelling and its mirror are as extreme.
    const clusters = [
      { escaped: 1, total: 1, exposed: true },
      { escaped: 1, total: 1, exposed: true },
      { escaped: 0, total: 1, exposed: false },
      { escaped: 0, total: 1, exposed: false },
    ];
    expect(sut([clusters], 20000, 7)!).toBeCloseTo(2 / 6, 2);
  });

  it('does not let one change with many findings pass for strong evidence', () => {
    // One exposed change with 50 clean findings, one unexposed with 50 escaped, in one stratum: a
    // finding-level test would call it certain; two clusters give a p-value of at least 1/2.
    const p = sut([[{ escaped: 0, total: 50, exposed: true }, { escaped: 50, total: 50, exposed: false }]], 2000, 3)!;
    expect(p).toBeGreaterThanOrEqual(0.5);
  });

  it('is null without a stratum holding both exposed and unexposed changes', () => {
    expect(sut([[{ escaped: 1, total: 2, exposed: true }], [{ escaped: 0, total: 2, exposed: false }]])).toBeNull();
  });

  it('is the same for the same seed', () => {
    const strata = [[{ escaped: 2, total: 5, exposed: true }, { escaped: 4, total: 5, exposed: false }, { escaped: 1, total: 3, exposed: true }]];
    expect(sut(strata, 500, 9)).toBe(sut(strata, 500, 9));
  });
});
