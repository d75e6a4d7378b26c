import { seededRandom } from './seeded-random';

/** A cluster (a change): how many of its findings escaped, of how many, and whether it was exposed (carried the context). */
export interface ExposedCluster {
  escaped: number;
  total: number;
  exposed: boolean;
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
export function clusterPermutationPValue(strata: readonly (readonly ExposedCluster[])[], draws = 2000, seed = 1): number | null {
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
      // Fisher–Yates: a uniform relabelling of the stratum's clusters.
      for (let k = row.length - 1; k > 0; k--) {
        const j = Math.floor(random() * (k + 1));
        [row[k], row[j]] = [row[j], row[k]];
      }
    }
    if (Math.abs(statistic(labels)) >= observed - 1e-9) extreme += 1;
  }
  return (1 + extreme) / (1 + draws);
}
