import { assertCells } from './counts';
import { logFactorial } from './special-functions';

/** p-values of Fisher's exact test on a 2×2 table [[a, b], [c, d]]. */
export interface FisherExactResult {
  /** Two-sided: the probability of every table at least as improbable as the observed one. */
  pValue: number;
  /** One-sided, P(X ≤ a): evidence that the top-left cell is smaller than independence predicts (odds ratio < 1). */
  pLess: number;
  /** One-sided, P(X ≥ a): evidence that the top-left cell is larger than independence predicts (odds ratio > 1). */
  pGreater: number;
}

/** R's tolerance: tables whose probability is within a relative 1e-7 of the observed one count as "as extreme". */
const RELATIVE_TOLERANCE = 1 + 1e-7;

/**
 * Fisher's exact test of independence for the 2×2 table
 *
 *            escaped  stopped
 *   group 1     a        b
 *   group 2     c        d
 *
 * Conditional on the margins, the top-left count X follows the hypergeometric distribution
 * P(X = x) ∝ 1 / (x! (r1 − x)! (c1 − x)! (r2 − c1 + x)!). The two-sided p-value sums the probabilities of
 * all tables no more probable than the observed one (the "probability" criterion of Agresti 2002, §3.5.3,
 * as R's fisher.test computes it, with the same 1e-7 relative tolerance so that ties broken only by
 * rounding still count). The one-sided p-values are the two tails at the observed count.
 *
 * Probabilities are computed as log-factorials and normalised by their sum after subtracting the largest,
 * so tables with counts in the millions neither overflow nor lose their tails. The cost is linear in the
 * range of X (at most min(row, column) + 1 values).
 *
 * A table with an empty row or column has a single possible arrangement: every p-value is 1.
 */
export function fisherExactTest(a: number, b: number, c: number, d: number): FisherExactResult {
  assertCells('fisherExactTest', a, b, c, d);
  const row1 = a + b;
  const row2 = c + d;
  const column1 = a + c;
  const low = Math.max(0, column1 - row2);
  const high = Math.min(row1, column1);
  if (low === high) return { pValue: 1, pLess: 1, pGreater: 1 };

  const logDensity: number[] = [];
  let max = -Infinity;
  for (let x = low; x <= high; x++) {
    const value = -(logFactorial(x) + logFactorial(row1 - x) + logFactorial(column1 - x) + logFactorial(row2 - column1 + x));
    logDensity.push(value);
    if (value > max) max = value;
  }
  const density = logDensity.map((value) => Math.exp(value - max));
  const observed = density[a - low];
  let total = 0;
  let twoSided = 0;
  let less = 0;
  let greater = 0;
  density.forEach((value, i) => {
    total += value;
    if (value <= observed * RELATIVE_TOLERANCE) twoSided += value;
    if (low + i <= a) less += value;
    if (low + i >= a) greater += value;
  });
  return { pValue: Math.min(1, twoSided / total), pLess: Math.min(1, less / total), pGreater: Math.min(1, greater / total) };
}
