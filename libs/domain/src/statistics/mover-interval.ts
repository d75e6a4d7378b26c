import { assertCounts } from './counts';
import type { BeforeAfterCounts } from './difference-in-differences';
import { normalCdf } from './special-functions';
import { wilsonInterval, Z_95 } from './wilson-interval';

/** One parameter in a linear combination: its coefficient, point estimate and its own confidence limits. */
export interface MoverTerm {
  coefficient: number;
  estimate: number;
  low: number;
  high: number;
}

export interface MoverInterval {
  estimate: number;
  low: number;
  high: number;
}

/**
 * MOVER ("method of variance estimates recovery", Zou & Donner 2008, "Construction of confidence limits
 * about effect measures: a general approach", Statistics in Medicine 27:1693–1702; Newcombe 2013, Confidence
 * Intervals for Proportions and Related Measures of Effect Size, ch. 7): confidence limits for Σ cᵢθᵢ of
 * independent parameters from each parameter's own limits,
 *   low  = Σ cᵢθᵢ − √Σ (cᵢθᵢ − min(cᵢlᵢ, cᵢuᵢ))²,
 *   high = Σ cᵢθᵢ + √Σ (max(cᵢlᵢ, cᵢuᵢ) − cᵢθᵢ)².
 * Each side borrows the spread of each term on the side it pushes the sum to, so asymmetric limits (a
 * Wilson interval at 0/n) stay asymmetric. Newcombe's hybrid score interval for p1 − p2 is this with two
 * Wilson intervals.
 */
export function moverLinearCombination(terms: readonly MoverTerm[]): MoverInterval {
  let estimate = 0;
  let lowSquares = 0;
  let highSquares = 0;
  for (const t of terms) {
    const centre = t.coefficient * t.estimate;
    const a = t.coefficient * t.low;
    const b = t.coefficient * t.high;
    estimate += centre;
    lowSquares += (centre - Math.min(a, b)) ** 2;
    highSquares += (Math.max(a, b) - centre) ** 2;
  }
  return { estimate, low: estimate - Math.sqrt(lowSquares), high: estimate + Math.sqrt(highSquares) };
}

function wilsonTerm(coefficient: number, escaped: number, total: number, z: number): MoverTerm {
  const w = wilsonInterval(escaped, total, z);
  return { coefficient, estimate: escaped / total, low: w.low, high: w.high };
}

/**
 * Difference in differences of escape rates on the risk-difference scale,
 * (treated.after − treated.before) − (control.after − control.before), with the MOVER interval that combines
 * the two Newcombe (Wilson-based) differences — equivalently MOVER over the four Wilson intervals. Unlike
 * the Wald interval it is not too narrow when a group is at 0% or 100% (0/4 → 3/3 is not "certain"), and it is
 * always at least as wide as either group's own Newcombe interval.
 *
 * Assumes the four groups are independent binomial samples (findings independent within a group); the
 * verdict widens it with a randomisation interval to account for units (see adoption-verdict).
 * Null when any group is empty.
 */
export function moverDifferenceInDifferences(treated: BeforeAfterCounts, control: BeforeAfterCounts, z = Z_95): MoverInterval | null {
  const groups = [treated.after, treated.before, control.after, control.before];
  groups.forEach((g) => assertCounts('moverDifferenceInDifferences', g.escaped, g.total));
  if (groups.some((g) => g.total === 0)) return null;
  const coefficients = [1, -1, -1, 1];
  return moverLinearCombination(groups.map((g, i) => wilsonTerm(coefficients[i], g.escaped, g.total, z)));
}

/**
 * The p-value that goes with an interval family: the largest two-sided level 2·(1 − Φ(z)) at which the
 * interval built with critical value z still contains 0 (test inversion, found by bisection on z to 1e-10).
 * 1 when the estimate is 0.
 */
export function invertedPValue(intervalAt: (z: number) => MoverInterval): number {
  const excludesZero = (z: number) => {
    const i = intervalAt(z);
    return i.low > 0 || i.high < 0;
  };
  if (!excludesZero(1e-9)) return 1;
  let low = 1e-9;
  let high = 1;
  while (excludesZero(high) && high < 40) high *= 2;
  if (excludesZero(high)) return 0;
  while (high - low > 1e-10) {
    const middle = (low + high) / 2;
    if (excludesZero(middle)) low = middle;
    else high = middle;
  }
  return Math.min(1, 2 * normalCdf(-low));
}
