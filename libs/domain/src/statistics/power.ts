import { assertOpenUnit } from './counts';
import { normalCdf, normalQuantile } from './special-functions';

function assertRate(functionName: string, name: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${functionName} needs 0 <= ${name} <= 1, got ${p}`);
}

function assertSize(functionName: string, name: string, n: number): void {
  if (!(n >= 0 && Number.isFinite(n))) throw new RangeError(`${functionName} needs a finite ${name} >= 0, got ${n}`);
}

/**
 * Cohen's h, the effect size of a difference between two proportions on the arcsine scale:
 * h = 2·asin(√p1) − 2·asin(√p2) (Cohen 1988, Statistical Power Analysis for the Behavioral Sciences, 2nd
 * ed., ch. 6). The transformation makes a step of h equally detectable wherever it happens, so a fall from
 * 10% to 5% (h ≈ −0.19) and from 50% to 45% (h ≈ −0.10) are not treated as the same size. Cohen's labels:
 * |h| ≈ 0.2 small, 0.5 medium, 0.8 large — conventions from behavioural science, not security.
 * Ranges over [−π, π]; negative when p1 < p2.
 */
export function cohensH(p1: number, p2: number): number {
  assertRate('cohensH', 'p1', p1);
  assertRate('cohensH', 'p2', p2);
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/**
 * Power of the two-sided pooled two-proportion z-test at level alpha, when the true rates are p1 and p2
 * and the groups have n1 and n2 members (Fleiss, Levin & Paik 2003, Statistical Methods for Rates and
 * Proportions, 3rd ed., §4.2, generalised to unequal groups):
 *   power = Φ((|Δ| − z·σ0) / σ1) + Φ((−|Δ| − z·σ0) / σ1),
 *   Δ = p1 − p2,  σ0 = √(p̄(1 − p̄)(1/n1 + 1/n2)) with p̄ = (n1·p1 + n2·p2)/(n1 + n2) (the spread under H0),
 *   σ1 = √(p1(1 − p1)/n1 + p2(1 − p2)/n2) (the spread under the alternative), z = Φ⁻¹(1 − alpha/2).
 * The second term, rejection in the wrong direction, is included (R's power.prop.test with strict = TRUE);
 * for equal groups the formula is R's.
 *
 * Sizes may be fractional (for planning). An empty group has power 0. When σ1 = 0 (both rates 0 or 1) the
 * statistic is not random: power is 1 if it exceeds the critical value, else 0.
 */
export function twoProportionPower(p1: number, n1: number, p2: number, n2: number, alpha = 0.05): number {
  assertRate('twoProportionPower', 'p1', p1);
  assertRate('twoProportionPower', 'p2', p2);
  assertSize('twoProportionPower', 'n1', n1);
  assertSize('twoProportionPower', 'n2', n2);
  assertOpenUnit('twoProportionPower', 'alpha', alpha);
  return powerAtCriticalValue(p1, n1, p2, n2, normalQuantile(1 - alpha / 2));
}

function powerAtCriticalValue(p1: number, n1: number, p2: number, n2: number, critical: number): number {
  if (n1 === 0 || n2 === 0) return 0;
  const delta = Math.abs(p1 - p2);
  const pooled = (n1 * p1 + n2 * p2) / (n1 + n2);
  const sigma0 = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const sigma1 = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  if (sigma1 === 0) return delta > critical * sigma0 ? 1 : 0;
  return Math.min(1, normalCdf((delta - critical * sigma0) / sigma1) + normalCdf((-delta - critical * sigma0) / sigma1));
}

/** The smallest changes from a baseline rate that a comparison of this size would detect with the given power. */
export interface DetectableDifference {
  /** Smallest fall below the baseline (as a positive number), or null if even a fall to 0 would not be detected. */
  decrease: number | null;
  /** Smallest rise above the baseline, or null if even a rise to 1 would not be detected. */
  increase: number | null;
}

// A coarse scan finds the first grid step at which the power reaches the target, bisection then pins it down.
// (The power rises with the difference; the scan only guards the rare dip near the starting rate.)
const GRID_STEPS = 50;

function smallestDetectable(n1: number, n2: number, baseline: number, direction: -1 | 1, alpha: number, power: number): number | null {
  const range = direction < 0 ? baseline : 1 - baseline;
  if (range === 0) return null;
  const critical = normalQuantile(1 - alpha / 2);
  const reaches = (delta: number) => powerAtCriticalValue(baseline, n1, Math.min(1, Math.max(0, baseline + direction * delta)), n2, critical) >= power;
  let previous = 0;
  for (let i = 1; i <= GRID_STEPS; i++) {
    const delta = i === GRID_STEPS ? range : (range * i) / GRID_STEPS;
    if (reaches(delta)) {
      let low = previous;
      let high = delta;
      while (high - low > 1e-12) {
        const middle = (low + high) / 2;
        if (reaches(middle)) high = middle;
        else low = middle;
      }
      return high;
    }
    previous = delta;
  }
  return null;
}

/**
 * Minimum detectable difference: the smallest true change from `baseline` (the rate in group 1, of size n1)
 * to the rate in group 2 (size n2) that the two-sided z-test at level alpha would detect with probability
 * `power` — computed with `twoProportionPower`, to a precision of 1e-12. Reported separately for a decrease
 * and an increase, because near 0 or 1 they differ.
 *
 * This is the honest way to label an underpowered comparison: "with 40 findings before and 25 after, only a
 * fall of 28 points or more would reliably show" says what the data could have seen, where a post-hoc power
 * figure only restates the p-value (Hoenig & Heisey 2001).
 */
export function minimumDetectableDifference(n1: number, n2: number, baseline: number, alpha = 0.05, power = 0.8): DetectableDifference {
  assertSize('minimumDetectableDifference', 'n1', n1);
  assertSize('minimumDetectableDifference', 'n2', n2);
  assertRate('minimumDetectableDifference', 'baseline', baseline);
  assertOpenUnit('minimumDetectableDifference', 'alpha', alpha);
  assertOpenUnit('minimumDetectableDifference', 'power', power);
  return {
    decrease: smallestDetectable(n1, n2, baseline, -1, alpha, power),
    increase: smallestDetectable(n1, n2, baseline, 1, alpha, power),
  };
}
