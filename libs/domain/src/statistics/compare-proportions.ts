import { assertCounts, assertOpenUnit, type EscapeCounts } from './counts';
import { fisherExactTest } from './fisher-exact-test';
import { type DifferenceInterval, newcombeDifferenceInterval } from './newcombe-interval';
import { cohensH, type DetectableDifference, minimumDetectableDifference, twoProportionPower } from './power';
import { type RelativeRisk, relativeRisk } from './relative-risk';
import { normalQuantile } from './special-functions';
import { twoProportionZTest } from './two-proportion-z-test';
import { wilsonInterval, Z_95 } from './wilson-interval';

/** One side of a comparison: its counts, its escape rate and the rate's Wilson interval (null when empty). */
export interface RateSummary {
  escaped: number;
  total: number;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

export type ProportionTest = 'fisher' | 'z';
export type ComparisonVerdict = 'likely real' | 'could be chance';

export interface CompareProportionsOptions {
  /** Significance level of the test and of the power calculation; intervals are at 1 − alpha. Default 0.05. */
  alpha?: number;
  /** Power below which a comparison is labelled underpowered. Default 0.8. */
  targetPower?: number;
  /** Fisher's exact test is used when any expected cell count is below this. Default 5. */
  minimumExpectedCount?: number;
}

export interface ProportionComparison {
  before: RateSummary;
  after: RateSummary;
  /** after − before, with Newcombe's hybrid score interval; null when a group is empty. Negative = fewer escapes. */
  difference: DifferenceInterval | null;
  /** after / before, with the Katz log interval; null when not estimable (see `relativeRisk`). */
  relativeRisk: RelativeRisk | null;
  /** Which test produced `pValue`. */
  test: ProportionTest;
  /** The smallest expected cell count of the 2×2 table under "no change", which decided `test`. */
  smallestExpectedCount: number;
  /** Two-sided p-value of `test`. */
  pValue: number;
  /** Cohen's h, after versus before (negative = fewer escapes); null when a group is empty. */
  effectSize: number | null;
  /** Post-hoc power of the two-sided z-test at alpha to detect the observed difference with these group sizes. */
  power: number;
  /** power < targetPower. */
  underpowered: boolean;
  /** Smallest fall or rise from the before rate these group sizes would detect with the target power; null without a before rate. */
  minimumDetectableDifference: DetectableDifference | null;
  /** 'likely real' exactly when pValue < alpha and the comparison is not underpowered; otherwise 'could be chance'. */
  verdict: ComparisonVerdict;
}

function summarise(counts: EscapeCounts, z: number): RateSummary {
  const { escaped, total } = counts;
  if (total === 0) return { escaped, total, rate: null, ciLow: null, ciHigh: null };
  const { low, high } = wilsonInterval(escaped, total, z);
  return { escaped, total, rate: escaped / total, ciLow: low, ciHigh: high };
}

/** Smallest expected count of the table [[xa, na − xa], [xb, nb − xb]] if both groups shared one rate; 0 for an empty table. */
export function smallestExpectedCount(xa: number, na: number, xb: number, nb: number): number {
  const n = na + nb;
  if (n === 0) return 0;
  const escaped = xa + xb;
  return (Math.min(na, nb) * Math.min(escaped, n - escaped)) / n;
}

/**
 * Compares the escape rate after an adoption with the rate before it, and says how far the difference can
 * be trusted.
 *
 * - Rates with 95% Wilson intervals; the difference after − before with Newcombe's interval; the relative
 *   risk after / before with the Katz log interval (Haldane-corrected when a zero breaks it).
 * - The p-value comes from Fisher's exact test (two-sided) when any expected cell count of the 2×2 table is
 *   below 5 — the classic condition under which the chi-squared/z approximation is not trusted (Cochran
 *   1954) — and from the pooled two-proportion z-test otherwise. `test` names the one used.
 * - Effect size: Cohen's h of after versus before.
 * - Power: the probability that the two-sided z-test at alpha would reject "no change" if the true rates
 *   were exactly the observed ones, with these group sizes (`twoProportionPower`). When Fisher's test was
 *   used this is the z-test's power, an approximation (Fisher's test is somewhat less powerful).
 * - Verdict: 'likely real' exactly when pValue < alpha AND power ≥ targetPower; 'could be chance' otherwise.
 *
 * Read the verdict knowing what it is. Observed power is a function of the observed effect and therefore of
 * the p-value (Hoenig & Heisey 2001, "The abuse of power", The American Statistician 55:19–24): for the
 * z-test, power ≥ 0.8 at the observed difference needs |z| ≳ 1.96 + 0.84 = 2.8, i.e. p ≲ 0.005. So 'likely
 * real' in effect demands p below about 0.005 rather than 0.05 — a deliberately stricter bar, since a lead
 * will use it to change practice across an organisation (compare Benjamin et al. 2018, "Redefine statistical
 * significance", Nature Human Behaviour 2:6–10). 'could be chance' is NOT evidence that nothing changed:
 * look at the interval of the difference, and at `minimumDetectableDifference`, which says how large a change
 * these counts could have detected at all. Nothing here adjusts for comparing many classes or teams at once,
 * for confounding (see `differenceInDifferences` for a control group) or for findings that are not
 * independent (many findings from one scan of one flaw).
 *
 * An empty group gives null rate, difference, relative risk and effect size, p = 1, power 0: "could be chance".
 */
export function compareProportions(before: EscapeCounts, after: EscapeCounts, options: CompareProportionsOptions = {}): ProportionComparison {
  const alpha = options.alpha ?? 0.05;
  const targetPower = options.targetPower ?? 0.8;
  const minimumExpected = options.minimumExpectedCount ?? 5;
  assertOpenUnit('compareProportions', 'alpha', alpha);
  assertOpenUnit('compareProportions', 'targetPower', targetPower);
  assertCounts('compareProportions', before.escaped, before.total);
  assertCounts('compareProportions', after.escaped, after.total);
  const z = alpha === 0.05 ? Z_95 : normalQuantile(1 - alpha / 2);
  const b = before;
  const a = after;
  const bothPresent = a.total > 0 && b.total > 0;

  const expected = smallestExpectedCount(a.escaped, a.total, b.escaped, b.total);
  const test: ProportionTest = expected < minimumExpected ? 'fisher' : 'z';
  const pValue =
    test === 'fisher'
      ? fisherExactTest(a.escaped, a.total - a.escaped, b.escaped, b.total - b.escaped).pValue
      : twoProportionZTest(a.escaped, a.total, b.escaped, b.total).pValue;

  const afterRate = a.total > 0 ? a.escaped / a.total : 0;
  const beforeRate = b.total > 0 ? b.escaped / b.total : 0;
  const power = bothPresent ? twoProportionPower(afterRate, a.total, beforeRate, b.total, alpha) : 0;
  const underpowered = power < targetPower;
  return {
    before: summarise(b, z),
    after: summarise(a, z),
    difference: bothPresent ? newcombeDifferenceInterval(a.escaped, a.total, b.escaped, b.total, z) : null,
    relativeRisk: relativeRisk(a.escaped, a.total, b.escaped, b.total, z),
    test,
    smallestExpectedCount: expected,
    pValue,
    effectSize: bothPresent ? cohensH(afterRate, beforeRate) : null,
    power,
    underpowered,
    minimumDetectableDifference: b.total > 0 ? minimumDetectableDifference(b.total, a.total, beforeRate, alpha, targetPower) : null,
    verdict: pValue < alpha && !underpowered ? 'likely real' : 'could be chance',
  };
}
