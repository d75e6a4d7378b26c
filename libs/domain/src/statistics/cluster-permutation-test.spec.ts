import { clusterPermutationPValue, clusterPermutationPValues, type ExposedCluster } from './cluster-permutation-test';
import { seededRandom } from './seeded-random';

/** The test as defined, written plainly: the fast one must give the same p-values to the bit. */
function plainClusterPermutationPValue(strata: readonly (readonly ExposedCluster[])[], draws: number, seed: number): number | null {
  const informative = strata.filter((s) => s.some((c) => c.exposed) && s.some((c) => !c.exposed) && s.some((c) => c.total > 0));
  if (!informative.length) return null;
  const statistic = (labels: readonly boolean[][]) =>
    informative.reduce((sum, stratum, i) => {
      const total = stratum.reduce((n, c) => n + c.total, 0);
      const escaped = stratum.reduce((n, c) => n + c.escaped, 0);
      let exposedTotal = 0;
      let exposedEscaped = 0;
      stratum.forEach((c, j) => {
        if (!labels[i][j]) return;
        exposedTotal += c.total;
        exposedEscaped += c.escaped;
      });
      return sum + exposedEscaped - (total > 0 ? (exposedTotal * escaped) / total : 0);
    }, 0);
  const observed = Math.abs(statistic(informative.map((s) => s.map((c) => c.exposed))));
  const random = seededRandom(seed);
  const labels = informative.map((s) => s.map((c) => c.exposed));
  let extreme = 0;
  for (let d = 0; d < draws; d++) {
    for (const row of labels) {
      for (let k = row.length - 1; k > 0; k--) {
        const j = Math.floor(random() * (k + 1));
        [row[k], row[j]] = [row[j], row[k]];
      }
    }
    if (Math.abs(statistic(labels)) >= observed - 1e-9) extreme += 1;
  }
  return (1 + extreme) / (1 + draws);
}

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

  it('gives the p-value of the plain definition to the bit, on many random sets of strata', () => {
    const random = seededRandom(42);
    const count = (n: number) => Math.floor(random() * n);
    for (let round = 0; round < 40; round++) {
      const strata = [...Array(1 + count(12))].map(() =>
        [...Array(1 + count(15))].map(() => {
          const total = count(4) === 0 ? 0 : count(60);
          return { escaped: count(total + 1), total, exposed: random() < 0.5 };
        }),
      );
      const draws = 1 + count(300);
      expect(sut(strata, draws, round)).toBe(plainClusterPermutationPValue(strata, draws, round));
    }
  });

  it('gives each of several tests made together the p-value of the plain definition, whether they share sizes, labels, both or neither', () => {
    const random = seededRandom(5);
    const count = (n: number) => Math.floor(random() * n);
    const sizes = [3, 1, 7, 12, 2, 40];
    const clusters = (length: number, exposed: (j: number) => boolean) =>
      [...Array(length)].map((_, j) => {
        const total = count(40);
        return { escaped: count(total + 1), total, exposed: exposed(j) };
      });
    for (let round = 0; round < 20; round++) {
      // As the change-context metric's: per flag, labels of its own; per class, counts of its own over the same labels.
      const labels = [...Array(4)].map(() => sizes.map((length) => [...Array(length)].map(() => random() < (round % 2 ? 0.2 : 0.7))));
      const tests = labels.flatMap((flag) => [...Array(3)].map(() => sizes.map((length, i) => clusters(length, (j) => flag[i][j]))));
      // Now and then a stratum fewer (other sizes), a test whose strata all have one label (no p-value), one with no findings.
      tests.push(sizes.slice(0, round % 3 === 0 ? 5 : 6).map((length) => clusters(length, () => random() < 0.5)));
      tests.push(sizes.map((length) => clusters(length, () => true)));
      tests.push(sizes.map((length) => clusters(length, () => random() < 0.5).map((c) => ({ ...c, escaped: 0, total: 0 }))));
      const draws = 1 + count(400);
      expect(clusterPermutationPValues(tests, draws, round)).toEqual(tests.map((strata) => plainClusterPermutationPValue(strata, draws, round)));
    }
  });
});

describe(clusterPermutationPValues.name, () => {
  it('draws a test asked again over the same strata and counts no more, and draws it again when any of them differs', () => {
    const random = seededRandom(9);
    const count = (n: number) => Math.floor(random() * n);
    // Every stratum informs the test (both labels, findings), so that a change anywhere is one the test reads.
    const strata = [5, 8, 3].map((length) =>
      [...Array(length)].map((_, j) => {
        const total = 1 + count(30);
        return { escaped: count(total + 1), total, exposed: j % 2 === 0 };
      }),
    );
    const kept = new Map<string, number>();
    const first = clusterPermutationPValues([strata, strata.slice(1)], 300, 4, kept);
    expect(first).toEqual([plainClusterPermutationPValue(strata, 300, 4), plainClusterPermutationPValue(strata.slice(1), 300, 4)]);
    expect(kept.size).toBe(2);
    // What is kept is what is answered: a value put in its place comes back, so nothing was drawn.
    for (const key of kept.keys()) kept.set(key, 0.5);
    expect(clusterPermutationPValues([strata, strata.slice(1)], 300, 4, kept)).toEqual([0.5, 0.5]);
    // One count, one label, the draws or the seed otherwise: other keys, drawn afresh.
    const moved = strata.map((s, i) => (i === 2 ? s.map((c, j) => (j === 0 ? { ...c, escaped: c.escaped === c.total ? 0 : c.escaped + 1 } : c)) : s));
    const relabelled = strata.map((s, i) => (i === 1 ? s.map((c, j) => (j === 0 ? { ...c, exposed: !c.exposed } : c)) : s));
    expect(clusterPermutationPValues([moved, relabelled], 300, 4, kept)).toEqual([plainClusterPermutationPValue(moved, 300, 4), plainClusterPermutationPValue(relabelled, 300, 4)]);
    expect(clusterPermutationPValues([strata], 301, 4, kept)).toEqual([plainClusterPermutationPValue(strata, 301, 4)]);
    expect(clusterPermutationPValues([strata], 300, 5, kept)).toEqual([plainClusterPermutationPValue(strata, 300, 5)]);
    expect(kept.size).toBe(6);
  });
});
