import { seededRandom } from './seeded-random';

/**
 * Which units are "adopters": `groupSizes[g]` units carry label g (an adoption date, say), every other unit
 * label −1 (never adopting). The randomisation distribution is every way of handing out the same labels.
 */
export interface RandomisationDesign {
  units: number;
  groupSizes: readonly number[];
}

export interface RandomisationOptions {
  /** Enumerate every assignment when there are at most this many (default 20,000); else Monte Carlo. */
  exactLimit?: number;
  /** Monte Carlo draws (default 10,000). */
  draws?: number;
  /** Seed of the Monte Carlo draws (default 1): the same seed gives the same p-value. */
  seed?: number;
}

/** Per statistic of the vector the caller computes. */
export interface RandomisationStatistic {
  observed: number | null;
  /** Two-sided: the share of assignments with |T| ≥ |T observed| (Monte Carlo: (1 + hits)/(1 + draws)). */
  pValue: number | null;
  /** The 95th percentile of |T| over the assignments: a randomisation half-width for an interval. */
  absoluteQuantile95: number | null;
}

export interface RandomisationResult {
  statistics: RandomisationStatistic[];
  method: 'exact' | 'monte-carlo';
  /** Distinct assignments of the design (may be far more than were drawn). */
  assignments: number;
  /** Assignments actually evaluated. */
  evaluated: number;
  /** The smallest p-value this design could give at all: 1/assignments (for exact tests of |T|, no lower). */
  smallestPossiblePValue: number;
  /** Monte Carlo standard error of the first statistic's p-value, √(p(1 − p)/draws); 0 when exact. */
  monteCarloError: number;
}

/** Multinomial count of distinct assignments: units! / (k₁!·k₂!·…·(units − Σk)!), as a double. */
export function assignmentCount(design: RandomisationDesign): number {
  assertDesign(design);
  let remaining = design.units;
  let count = 1;
  for (const k of design.groupSizes) {
    count *= binomial(remaining, k);
    remaining -= k;
  }
  return count;
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

function assertDesign(design: RandomisationDesign): void {
  const total = design.groupSizes.reduce((a, b) => a + b, 0);
  if (!Number.isInteger(design.units) || design.units < 0 || design.groupSizes.some((k) => !Number.isInteger(k) || k < 1) || total > design.units) {
    throw new RangeError(`A randomisation design needs whole group sizes >= 1 summing to at most the ${design.units} units`);
  }
}

/** Every distinct labelling of the design, in a fixed order (the observed one among them). */
export function* enumerateAssignments(design: RandomisationDesign): Generator<Int32Array> {
  assertDesign(design);
  const labels = new Int32Array(design.units).fill(-1);
  const left = [...design.groupSizes];
  let neverLeft = design.units - left.reduce((a, b) => a + b, 0);
  function* place(unit: number): Generator<Int32Array> {
    if (unit === design.units) {
      yield labels;
      return;
    }
    if (neverLeft > 0) {
      neverLeft--;
      labels[unit] = -1;
      yield* place(unit + 1);
      neverLeft++;
    }
    for (let g = 0; g < left.length; g++) {
      if (left[g] === 0) continue;
      left[g]--;
      labels[unit] = g;
      yield* place(unit + 1);
      left[g]++;
    }
    labels[unit] = -1;
  }
  yield* place(0);
}

const TOLERANCE = 1e-12;

/**
 * Randomisation (permutation) inference over units (Fisher 1935; Rosenbaum, Observational Studies, ch. 2;
 * for few clusters in difference-in-differences, MacKinnon & Webb 2020): the statistics are recomputed for
 * every way the adopter labels could have fallen on the units, and the p-value is the share at least as
 * extreme as the observed. Valid, under the sharp null that the practice changed no unit's escapes, whatever the
 * correlation of findings within a unit, because the unit, not the finding, is what is relabelled. It is
 * exact (enumeration) when the design has at most `exactLimit` assignments, otherwise a seeded Monte Carlo
 * sample with the (1 + hits)/(1 + draws) estimator, which never gives 0 (Phipson & Smyth 2010).
 *
 * Written here: general statistics packages on npm (jStat and the like) have no randomisation test over a
 * design with several adoption dates, and the enumeration with a seeded fallback is short.
 *
 * `statistic` returns a vector (e.g. the estimate and a pre-trend statistic); a null entry (undefined under
 * that labelling) is left out of that entry's distribution.
 */
export function randomisationTest(
  design: RandomisationDesign,
  observedLabels: Int32Array,
  statistic: (labels: Int32Array) => readonly (number | null)[],
  options: RandomisationOptions = {},
): RandomisationResult {
  const assignments = assignmentCount(design);
  if (observedLabels.length !== design.units) throw new RangeError('randomisationTest needs one observed label per unit');
  const exactLimit = options.exactLimit ?? 20_000;
  const observed = statistic(observedLabels).map((v) => (v === null ? null : v));
  const samples: number[][] = observed.map(() => []);
  const record = (labels: Int32Array) => statistic(labels).forEach((v, i) => v !== null && samples[i].push(Math.abs(v)));
  let method: RandomisationResult['method'];
  let evaluated = 0;
  if (assignments <= exactLimit) {
    method = 'exact';
    for (const labels of enumerateAssignments(design)) {
      record(labels);
      evaluated++;
    }
  } else {
    method = 'monte-carlo';
    const draws = options.draws ?? 10_000;
    const random = seededRandom(options.seed ?? 1);
    const labels = Int32Array.from(observedLabels);
    for (let d = 0; d < draws; d++) {
      for (let i = labels.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const t = labels[i];
        labels[i] = labels[j];
        labels[j] = t;
      }
      record(labels);
    }
    evaluated = draws;
  }
  const statistics = observed.map((value, i): RandomisationStatistic => {
    const sample = samples[i];
    if (value === null || sample.length === 0) return { observed: value, pValue: null, absoluteQuantile95: null };
    const threshold = Math.abs(value) - TOLERANCE * Math.max(1, Math.abs(value));
    const hits = sample.filter((v) => v >= threshold).length;
    const pValue = method === 'exact' ? hits / sample.length : (1 + hits) / (1 + sample.length);
    const sorted = [...sample].sort((a, b) => a - b);
    return { observed: value, pValue, absoluteQuantile95: sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] };
  });
  const first = statistics[0]?.pValue ?? 1;
  return {
    statistics,
    method,
    assignments,
    evaluated,
    smallestPossiblePValue: 1 / assignments,
    monteCarloError: method === 'exact' ? 0 : Math.sqrt((first * (1 - first)) / evaluated),
  };
}
