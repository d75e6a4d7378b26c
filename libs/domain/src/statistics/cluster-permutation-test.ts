import { assertCounts } from './counts';
import { seededRandom } from './seeded-random';

/** A cluster (a change): how many of its findings escaped, of how many, and whether it was exposed (carried the context). */
export interface ExposedCluster {
  escaped: number;
  total: number;
  exposed: boolean;
}

/**
 * The arrangements a run of draws makes, kept for other tests over strata of the same sizes with the same
 * draws and seed: the shuffles depend on nothing else, so the change-context metric's 15 tests (5 flags ×
 * 3 classes over the same changes) shuffle once. Row d holds, for each cluster, the position its label
 * sits at after draw d. Holds draws × clusters integers per distinct set of sizes: for one request.
 */
export class SharedShuffles {
  private readonly runs = new Map<string, Int32Array>();

  positions(sizes: readonly number[], draws: number, seed: number): Int32Array {
    const key = `${seed}|${draws}|${sizes.join(',')}`;
    const known = this.runs.get(key);
    if (known) return known;
    const size = sizes.reduce((n, s) => n + s, 0);
    // at: the cluster whose label sits at a position; where: the position of a cluster's label.
    const at = new Int32Array(size).map((_, k) => k);
    const where = at.slice();
    const rows = new Int32Array(draws * size);
    const random = seededRandom(seed);
    for (let d = 0; d < draws; d++) {
      let start = 0;
      for (const length of sizes) {
        for (let k = length - 1; k > 0; k--) {
          const j = Math.floor(random() * (k + 1));
          const a = at[start + k];
          const b = at[start + j];
          at[start + k] = b;
          at[start + j] = a;
          where[a] = start + j;
          where[b] = start + k;
        }
        start += length;
      }
      rows.set(where, d * size);
    }
    this.runs.set(key, rows);
    return rows;
  }
}

/**
 * Two-sided p-value of "exposure makes no difference" that respects clusters: the exposure labels of
 * whole clusters (changes) are shuffled within each stratum (team × quarter), keeping how many were
 * exposed in each, and the statistic Σ (escaped in exposed clusters − its expectation given the stratum's
 * escape rate) is recomputed. Findings of one change move together, so a change with many findings
 * cannot make a difference look surer than its one change warrants, as the Mantel–Haenszel test lets it.
 * p = (1 + draws at least as extreme) / (1 + draws) (Phipson & Smyth 2010); null when no stratum has both
 * exposed and unexposed clusters with findings.
 */
export function clusterPermutationPValue(strata: readonly (readonly ExposedCluster[])[], draws = 2000, seed = 1, shared?: SharedShuffles): number | null {
  for (const stratum of strata) for (const c of stratum) assertCounts('clusterPermutationPValue', c.escaped, c.total);
  const informative = strata.filter((s) => s.some((c) => c.exposed) && s.some((c) => !c.exposed) && s.some((c) => c.total > 0));
  if (!informative.length) return null;
  // A draw touches every change of every stratum, and the change-context metric makes 15,000 draws over
  // hundreds of changes: flat arrays, and each stratum's exposed sums kept up to date as labels swap
  // instead of summed again. The counts are integers, so those sums are exact in any order; the statistic
  // adds the strata up in the same order and the random numbers come in the same order as in the plain
  // definition (the spec keeps it), so a p-value does not move by a bit.
  const size = informative.reduce((n, s) => n + s.length, 0);
  const starts = new Int32Array(informative.length + 1);
  const totals = new Float64Array(size);
  const escapes = new Float64Array(size);
  const labels = new Uint8Array(size);
  const stratumTotals = new Float64Array(informative.length);
  const stratumEscapes = new Float64Array(informative.length);
  const exposedTotals = new Float64Array(informative.length);
  const exposedEscapes = new Float64Array(informative.length);
  informative.forEach((stratum, i) => {
    starts[i + 1] = starts[i] + stratum.length;
    stratum.forEach((c, j) => {
      const k = starts[i] + j;
      totals[k] = c.total;
      escapes[k] = c.escaped;
      labels[k] = c.exposed ? 1 : 0;
      stratumTotals[i] += c.total;
      stratumEscapes[i] += c.escaped;
      if (c.exposed) {
        exposedTotals[i] += c.total;
        exposedEscapes[i] += c.escaped;
      }
    });
  });
  const statistic = () => {
    let sum = 0;
    for (let i = 0; i < informative.length; i++) {
      const total = stratumTotals[i];
      sum = sum + exposedEscapes[i] - (total > 0 ? (exposedTotals[i] * stratumEscapes[i]) / total : 0);
    }
    return sum;
  };
  const observed = Math.abs(statistic());
  if (shared) {
    // The same shuffles, made once: each draw sums the counts where the exposed clusters' labels landed.
    const rows = shared.positions(
      informative.map((s) => s.length),
      draws,
      seed,
    );
    const exposedStarts = new Int32Array(informative.length + 1);
    const exposed: number[] = [];
    for (let i = 0; i < informative.length; i++) {
      for (let k = starts[i]; k < starts[i + 1]; k++) if (labels[k]) exposed.push(k);
      exposedStarts[i + 1] = exposed.length;
    }
    let extreme = 0;
    for (let d = 0, row = 0; d < draws; d++, row += size) {
      for (let i = 0; i < informative.length; i++) {
        let exposedTotal = 0;
        let exposedEscaped = 0;
        for (let e = exposedStarts[i]; e < exposedStarts[i + 1]; e++) {
          const k = rows[row + exposed[e]];
          exposedTotal += totals[k];
          exposedEscaped += escapes[k];
        }
        exposedTotals[i] = exposedTotal;
        exposedEscapes[i] = exposedEscaped;
      }
      if (Math.abs(statistic()) >= observed - 1e-9) extreme += 1;
    }
    return (1 + extreme) / (1 + draws);
  }
  const random = seededRandom(seed);
  let extreme = 0;
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < informative.length; i++) {
      // Fisher–Yates: a uniform relabelling of the stratum's clusters.
      const start = starts[i];
      for (let k = starts[i + 1] - start - 1; k > 0; k--) {
        const a = start + k;
        const b = start + Math.floor(random() * (k + 1));
        if (labels[a] === labels[b]) continue;
        // The exposed label moves from one cluster to the other.
        const from = labels[a] ? a : b;
        const to = labels[a] ? b : a;
        labels[from] = 0;
        labels[to] = 1;
        exposedTotals[i] += totals[to] - totals[from];
        exposedEscapes[i] += escapes[to] - escapes[from];
      }
    }
    if (Math.abs(statistic()) >= observed - 1e-9) extreme += 1;
  }
  return (1 + extreme) / (1 + draws);
}
