import { assertCounts, type EscapeCounts } from './counts';
import { twoSidedNormalPValue } from './special-functions';
import { Z_95 } from './wilson-interval';

/**
 * 'wald': the plain estimate Σ cᵢ·p̂ᵢ ± z·√(Σ cᵢ²·p̂ᵢ(1 − p̂ᵢ)/nᵢ).
 * 'adjusted-wald': Price & Bonett (2004), which first adds 2/m escapes and 4/m findings to each of the m
 * groups in the contrast (for a difference in differences, m = 4: half an escape and one finding each), the
 * generalisation of Agresti & Caffo's "add two successes and two failures" to any linear contrast.
 */
export type ContrastMethod = 'wald' | 'adjusted-wald';

export interface ContrastInterval {
  /** The contrast of the observed rates, Σ cᵢ·xᵢ/nᵢ. */
  estimate: number;
  /** The point the interval is built around: `estimate` for Wald, the adjusted estimate for adjusted Wald. */
  centre: number;
  low: number;
  high: number;
  standardError: number;
  /** centre / standardError. */
  z: number;
  /** Two-sided p-value of H0: contrast = 0, 2·Φ(−|z|). */
  pValue: number;
  /** The method actually used (see `proportionContrast` for when Wald falls back to adjusted Wald). */
  method: ContrastMethod;
}

export interface ContrastOptions {
  /** Critical value of the interval; default the 95% one. */
  z?: number;
  /** Default 'wald'. */
  method?: ContrastMethod;
}

function contrast(groups: readonly EscapeCounts[], coefficients: readonly number[], method: ContrastMethod, z: number): ContrastInterval {
  const m = coefficients.filter((c) => c !== 0).length;
  const addEscaped = method === 'adjusted-wald' ? 2 / m : 0;
  const addTotal = method === 'adjusted-wald' ? 4 / m : 0;
  let estimate = 0;
  let centre = 0;
  let variance = 0;
  groups.forEach((g, i) => {
    const c = coefficients[i];
    if (c === 0) return;
    const n = g.total + addTotal;
    const p = (g.escaped + addEscaped) / n;
    estimate += (c * g.escaped) / g.total;
    centre += c * p;
    variance += (c * c * p * (1 - p)) / n;
  });
  const standardError = Math.sqrt(variance);
  const zStatistic = standardError > 0 ? centre / standardError : 0;
  return {
    estimate,
    centre,
    low: centre - z * standardError,
    high: centre + z * standardError,
    standardError,
    z: zStatistic,
    pValue: standardError > 0 ? twoSidedNormalPValue(zStatistic) : 1,
    method,
  };
}

/**
 * Confidence interval and test for a linear contrast Σ cᵢ·pᵢ of independent binomial proportions (the
 * difference in differences is the contrast (+1, −1, −1, +1)). Groups are assumed independent: no finding
 * may be counted in two of them.
 *
 * With method 'wald', when every rate is 0 or 1 the Wald standard error is 0 and its interval would claim
 * certainty; the adjusted Wald interval of Price & Bonett is used instead and `method` says so.
 *
 * Returns null when a group with a non-zero coefficient is empty (its rate is undefined).
 * References: Price & Bonett (2004), "An improved confidence interval for a linear function of binomial
 * proportions", Computational Statistics & Data Analysis 45:449–456.
 */
export function proportionContrast(groups: readonly EscapeCounts[], coefficients: readonly number[], options: ContrastOptions = {}): ContrastInterval | null {
  if (groups.length !== coefficients.length || groups.length === 0) throw new RangeError('proportionContrast needs one coefficient per group');
  groups.forEach((g) => assertCounts('proportionContrast', g.escaped, g.total));
  if (!coefficients.every(Number.isFinite) || coefficients.every((c) => c === 0)) throw new RangeError('proportionContrast needs finite coefficients, not all zero');
  if (groups.some((g, i) => coefficients[i] !== 0 && g.total === 0)) return null;
  const z = options.z ?? Z_95;
  const method = options.method ?? 'wald';
  const result = contrast(groups, coefficients, method, z);
  return method === 'wald' && result.standardError === 0 ? contrast(groups, coefficients, 'adjusted-wald', z) : result;
}

/** Escape counts of one population before and after the adoption date. */
export interface BeforeAfterCounts {
  before: EscapeCounts;
  after: EscapeCounts;
}

/**
 * Difference in differences of escape rates:
 *   estimate = (treated.after − treated.before) − (control.after − control.before),
 * the change in the teams that adopted, net of the change over the same windows in teams that did not. A
 * negative value means the adopters' escape rate fell by more (or rose by less) than the control's.
 *
 * Interval and p-value: the four rates are treated as independent binomial proportions, so
 * Var = Σ p(1 − p)/n over the four groups, and the interval is estimate ± 1.96·√Var (Wald), p = 2·Φ(−|z|).
 * `options.method = 'adjusted-wald'` gives the Price–Bonett interval, which keeps its coverage better at
 * small counts; Wald falls back to it by itself when its standard error is 0 (see `proportionContrast`).
 *
 * What this does not account for, and a reader should know:
 * - Parallel trends: the estimate is the practice's effect only if, without adoption, the adopters' rate would
 *   have moved like the control's. Teams that choose to adopt first may differ (more security-minded,
 *   different services); check the pre-adoption trends side by side.
 * - Clustering: findings of one team or one scan are not independent trials; treating them as such
 *   understates the standard error, so the interval is too narrow and the p-value too small when a few
 *   teams or services contribute most findings.
 * - Small counts: the Wald interval's coverage falls below 95% with few findings or rates near 0 or 1; use
 *   the adjusted method there.
 * - Composition: a change in which kinds of findings are recorded (a new scanner) moves the rates too.
 *
 * Returns null when any of the four groups is empty.
 */
export function differenceInDifferences(treated: BeforeAfterCounts, control: BeforeAfterCounts, options: ContrastOptions = {}): ContrastInterval | null {
  return proportionContrast([treated.after, treated.before, control.after, control.before], [1, -1, -1, 1], options);
}
