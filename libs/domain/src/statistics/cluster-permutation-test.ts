import { assertCounts } from './counts';
import { mulberry32, MULBERRY32_STEP } from './seeded-random';

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
  return clusterPermutationPValues([strata], draws, seed)[0];
}

/**
 * The p-values of several tests, each exactly as `clusterPermutationPValue` gives it alone, made together:
 * a draw's shuffles depend only on the sizes of the strata, the draws and the seed, so tests whose
 * informative strata have the same sizes share them. The change-context metric's 15 tests (5 flags × 3
 * classes over the same changes) shuffle once per flag, and the 3 classes of a flag, which carry the same
 * labels, are summed in one pass.
 *
 * A draw touches every change of every stratum, and the metric makes 15,000 draws over hundreds of
 * changes: flat arrays, the generator inlined in the shuffle, and each stratum's sums taken over the side
 * of its labels with fewer changes. The counts are integers, so those sums are exact in any order; the
 * statistic adds the strata up in the same order and the random numbers come in the same order as in the
 * plain definition (the spec keeps it), so a p-value does not move by a bit.
 *
 * `kept` holds p-values between calls, each under a key naming all it depends on (the draws, the seed,
 * and the sizes, labels and counts of the strata that inform the test): a test asked again over the same
 * changes and counts is not drawn again.
 */
export function clusterPermutationPValues(tests: readonly (readonly (readonly ExposedCluster[])[])[], draws = 2000, seed = 1, kept?: KeptPValues): (number | null)[] {
  const prepared = tests.map(prepare);
  const keys = prepared.map((test) => (test && kept ? `${draws}|${seed}|${test.sizes.join(',')}|${test.labels.join('')}|${test.totals.join(',')}|${test.escapes.join(',')}` : null));
  const known = prepared.map((test, i) => (test && kept ? kept.get(keys[i]!) : undefined));
  // Tests to draw, shuffled together (the same sizes of strata), and among them those moving the same labels.
  const runs = new Map<string, PreparedTest[][]>();
  prepared.forEach((test, i) => {
    if (!test || known[i] !== undefined) return;
    const key = test.sizes.join(',');
    const run = runs.get(key) ?? [];
    const same = run.find((group) => sameLabels(group[0].labels, test.labels));
    if (same) same.push(test);
    else run.push([test]);
    runs.set(key, run);
  });
  for (const run of runs.values()) shuffleAndCount(run, draws, seed);
  return prepared.map((test, i) => {
    if (!test) return null;
    if (known[i] !== undefined) return known[i]!;
    const pValue = (1 + test.extreme) / (1 + draws);
    kept?.set(keys[i]!, pValue);
    return pValue;
  });
}

/** P-values kept between calls of `clusterPermutationPValues`, under keys it makes. */
export interface KeptPValues {
  /** The p-value kept under this key, or undefined. */
  get(key: string): number | undefined;
  set(key: string, pValue: number): void;
}

/** One test's strata that can inform it, flattened, with each stratum's sums and its exposed clusters' sums. */
interface PreparedTest {
  sizes: number[];
  totals: Float64Array;
  escapes: Float64Array;
  labels: Uint8Array;
  stratumTotals: Float64Array;
  stratumEscapes: Float64Array;
  exposedTotals: Float64Array;
  exposedEscapes: Float64Array;
  observed: number;
  extreme: number;
}

function prepare(strata: readonly (readonly ExposedCluster[])[]): PreparedTest | null {
  for (const stratum of strata) for (const c of stratum) assertCounts('clusterPermutationPValue', c.escaped, c.total);
  const informative = strata.filter((s) => s.some((c) => c.exposed) && s.some((c) => !c.exposed) && s.some((c) => c.total > 0));
  if (!informative.length) return null;
  const size = informative.reduce((n, s) => n + s.length, 0);
  const test: PreparedTest = {
    sizes: informative.map((s) => s.length),
    totals: new Float64Array(size),
    escapes: new Float64Array(size),
    labels: new Uint8Array(size),
    stratumTotals: new Float64Array(informative.length),
    stratumEscapes: new Float64Array(informative.length),
    exposedTotals: new Float64Array(informative.length),
    exposedEscapes: new Float64Array(informative.length),
    observed: 0,
    extreme: 0,
  };
  let k = 0;
  for (let i = 0; i < informative.length; i++) {
    for (const c of informative[i]) {
      test.totals[k] = c.total;
      test.escapes[k] = c.escaped;
      test.labels[k] = c.exposed ? 1 : 0;
      test.stratumTotals[i] += c.total;
      test.stratumEscapes[i] += c.escaped;
      if (c.exposed) {
        test.exposedTotals[i] += c.total;
        test.exposedEscapes[i] += c.escaped;
      }
      k += 1;
    }
  }
  test.observed = Math.abs(statistic(test));
  return test;
}

function sameLabels(a: Uint8Array, b: Uint8Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Σ over strata, in their order, of (escaped in exposed clusters − its expectation given the stratum's escape rate). */
function statistic(test: PreparedTest): number {
  let sum = 0;
  for (let i = 0; i < test.sizes.length; i++) {
    const total = test.stratumTotals[i];
    sum = sum + test.exposedEscapes[i] - (total > 0 ? (test.exposedTotals[i] * test.stratumEscapes[i]) / total : 0);
  }
  return sum;
}

/** What a group of tests with the same labels sums at each draw. */
interface SummedGroup {
  tests: readonly PreparedTest[];
  /** Per cluster, each test's total and escapes side by side: 2 × tests numbers a cluster. */
  counts: Float64Array;
  /** Per stratum (from `starts[i]` to `starts[i + 1]`), the clusters whose labels are followed: the exposed, or the unexposed when fewer. */
  followed: Int32Array;
  starts: Int32Array;
  /** 1 where the unexposed are followed: the exposed sums are then the stratum's less theirs. */
  complement: Uint8Array;
  sums: Float64Array;
}

function summedGroup(tests: readonly PreparedTest[], starts: Int32Array): SummedGroup {
  const { labels, sizes } = tests[0];
  const width = 2 * tests.length;
  const counts = new Float64Array(labels.length * width);
  tests.forEach((test, t) => {
    for (let k = 0; k < labels.length; k++) {
      counts[k * width + 2 * t] = test.totals[k];
      counts[k * width + 2 * t + 1] = test.escapes[k];
    }
  });
  const followed: number[] = [];
  const followedStarts = new Int32Array(sizes.length + 1);
  const complement = new Uint8Array(sizes.length);
  for (let i = 0; i < sizes.length; i++) {
    let exposed = 0;
    for (let k = starts[i]; k < starts[i + 1]; k++) exposed += labels[k];
    complement[i] = 2 * exposed > sizes[i] ? 1 : 0;
    for (let k = starts[i]; k < starts[i + 1]; k++) if (labels[k] !== complement[i]) followed.push(k);
    followedStarts[i + 1] = followed.length;
  }
  return { tests, counts, followed: Int32Array.from(followed), starts: followedStarts, complement, sums: new Float64Array(width) };
}

/**
 * The draws of tests over strata of the same sizes (`run`: groups of tests with the same labels). Each
 * draw's Fisher–Yates shuffles, stratum by stratum, move every label; where each cluster's label lands is
 * kept, and each group then sums its tests' counts where its followed clusters' labels landed.
 */
function shuffleAndCount(run: readonly (readonly PreparedTest[])[], draws: number, seed: number): void {
  const { sizes } = run[0][0];
  const starts = new Int32Array(sizes.length + 1);
  for (let i = 0; i < sizes.length; i++) starts[i + 1] = starts[i] + sizes[i];
  const size = starts[sizes.length];
  // at: the cluster whose label sits at a position; where: the position of a cluster's label.
  const at = new Int32Array(size).map((_, k) => k);
  const where = at.slice();
  const groups = run.map((tests) => summedGroup(tests, starts));
  // seededRandom(seed)'s numbers, its state kept here so that the generator is inlined in the loop, as a
  // signed 32-bit integer (the same bits as seededRandom's unsigned one: mulberry32 reads only the bits).
  const step = MULBERRY32_STEP;
  let state = seed | 0;
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < sizes.length; i++) {
      const start = starts[i];
      for (let k = sizes[i] - 1; k > 0; k--) {
        state = (state + step) | 0;
        const j = Math.floor(mulberry32(state) * (k + 1));
        const a = at[start + k];
        const b = at[start + j];
        at[start + k] = b;
        at[start + j] = a;
        where[a] = start + j;
        where[b] = start + k;
      }
    }
    for (const { tests, counts, followed, starts: followedStarts, complement, sums } of groups) {
      const width = sums.length;
      for (let i = 0; i < sizes.length; i++) {
        for (let w = 0; w < width; w++) sums[w] = 0;
        for (let e = followedStarts[i]; e < followedStarts[i + 1]; e++) {
          const base = where[followed[e]] * width;
          for (let w = 0; w < width; w++) sums[w] += counts[base + w];
        }
        for (let t = 0; t < tests.length; t++) {
          const test = tests[t];
          test.exposedTotals[i] = complement[i] ? test.stratumTotals[i] - sums[2 * t] : sums[2 * t];
          test.exposedEscapes[i] = complement[i] ? test.stratumEscapes[i] - sums[2 * t + 1] : sums[2 * t + 1];
        }
      }
      for (const test of tests) if (Math.abs(statistic(test)) >= test.observed - 1e-9) test.extreme += 1;
    }
  }
}
