import { assertCounts } from './counts';
import { twoSidedNormalPValue } from './special-functions';
import { Z_95 } from './wilson-interval';

/**
 * One stratum's 2×2 table: `a` escaped and `b` did not in the exposed group (changes with context), `c`
 * escaped and `d` did not in the unexposed group (changes without).
 */
export interface StratumTable {
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface MantelHaenszelResult {
  /** Strata given, and strata with at least two findings and both groups present (the ones that inform the estimate). */
  strata: number;
  informativeStrata: number;
  /** The common odds ratio (exposed versus unexposed); null when not estimable (a zero sum in its numerator or denominator). */
  oddsRatio: number | null;
  /** Robins–Breslow–Greenland log interval; null with the estimate. */
  low: number | null;
  high: number | null;
  /** Cochran–Mantel–Haenszel statistic with continuity correction (1 df); null when no stratum has variance. */
  chiSquared: number | null;
  /** Its two-sided p-value; null with the statistic. */
  pValue: number | null;
}

/**
 * The Mantel–Haenszel comparison of two groups across strata: a common odds ratio that compares like with
 * like inside each stratum (here a team in a quarter), so that a team's general quality, or a period when
 * everything improved, does not pass for the effect of the exposure.
 *
 * - Estimate: OR = Σ(aᵢdᵢ/nᵢ) / Σ(bᵢcᵢ/nᵢ) (Mantel & Haenszel 1959).
 * - Interval: exp(ln OR ± z·SE), with the variance of ln OR of Robins, Breslow & Greenland (1986,
 *   Biometrics 42:311–323), valid both for many small strata and for few large ones.
 * - Test: Σ(aᵢ − E[aᵢ]) over the hypergeometric variances, continuity-corrected by ½ when |Σ| ≥ ½ (as R's
 *   `mantelhaen.test` does by default), referred to χ² with 1 df.
 *
 * It assumes the odds ratio is about the same in every stratum and that findings are independent; several
 * findings of one change are not, so read the p-value as optimistic when changes produce many findings.
 */
export function mantelHaenszel(tables: readonly StratumTable[], z = Z_95): MantelHaenszelResult {
  let r = 0;
  let s = 0;
  let pr = 0;
  let psQr = 0;
  let qs = 0;
  let delta = 0;
  let variance = 0;
  let informative = 0;
  for (const { a, b, c, d } of tables) {
    assertCounts('mantelHaenszel', a, a + b);
    assertCounts('mantelHaenszel', c, c + d);
    const n = a + b + c + d;
    if (n < 2) continue;
    const exposed = a + b;
    const unexposed = c + d;
    if (exposed > 0 && unexposed > 0) informative += 1;
    const ri = (a * d) / n;
    const si = (b * c) / n;
    const pi = (a + d) / n;
    const qi = (b + c) / n;
    r += ri;
    s += si;
    pr += pi * ri;
    psQr += pi * si + qi * ri;
    qs += qi * si;
    const escaped = a + c;
    delta += a - (exposed * escaped) / n;
    variance += (exposed * unexposed * escaped * (n - escaped)) / (n * n * (n - 1));
  }
  const estimable = r > 0 && s > 0;
  const oddsRatio = estimable ? r / s : null;
  const se = estimable ? Math.sqrt(pr / (2 * r * r) + psQr / (2 * r * s) + qs / (2 * s * s)) : null;
  const correction = Math.abs(delta) >= 0.5 ? 0.5 : 0;
  const chiSquared = variance > 0 ? (Math.abs(delta) - correction) ** 2 / variance : null;
  return {
    strata: tables.length,
    informativeStrata: informative,
    oddsRatio,
    low: oddsRatio !== null && se !== null ? oddsRatio * Math.exp(-z * se) : null,
    high: oddsRatio !== null && se !== null ? oddsRatio * Math.exp(z * se) : null,
    chiSquared,
    pValue: chiSquared === null ? null : twoSidedNormalPValue(Math.sqrt(chiSquared)),
  };
}
