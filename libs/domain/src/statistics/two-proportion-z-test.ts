import { assertCounts } from './counts';
import { twoSidedNormalPValue } from './special-functions';

/** The two-proportion z statistic and its two-sided p-value. */
export interface ZTestResult {
  z: number;
  pValue: number;
}

/**
 * Two-proportion z-test of H0: p1 = p2 against p1 ≠ p2, with the pooled standard error
 *   z = (x1/n1 − x2/n2) / √(p̄(1 − p̄)(1/n1 + 1/n2)),  p̄ = (x1 + x2) / (n1 + n2),
 * and the two-sided p-value 2·Φ(−|z|). z² is Pearson's chi-squared statistic for the 2×2 table without
 * continuity correction (R: prop.test(correct = FALSE)), so both give the same p-value.
 *
 * The normal approximation needs enough data: `compareProportions` uses it only when every expected cell
 * count is at least 5 and uses Fisher's exact test otherwise.
 *
 * Degenerate cases, where there is nothing to test, give z = 0 and p = 1: an empty group (n = 0), or no
 * variation at all (no escapes in either group, or only escapes).
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTestResult {
  assertCounts('twoProportionZTest', x1, n1);
  assertCounts('twoProportionZTest', x2, n2);
  if (n1 === 0 || n2 === 0) return { z: 0, pValue: 1 };
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, pValue: twoSidedNormalPValue(z) };
}
