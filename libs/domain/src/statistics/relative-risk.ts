import { assertCounts } from './counts';
import { Z_95 } from './wilson-interval';

/** The ratio of two proportions (p1 / p2) with its confidence interval. */
export interface RelativeRisk {
  rr: number;
  low: number;
  high: number;
  /** True when a zero broke the computation and 0.5 was added to all four cells first (Haldane's correction). */
  corrected: boolean;
}

/**
 * Relative risk (risk ratio) p1 / p2 = (x1/n1) / (x2/n2) with the log interval of Katz et al. (1978,
 * "Obtaining confidence intervals for the risk ratio in cohort studies", Biometrics 34:469–474):
 *   ln(rr) ± z·SE,  SE = √(1/x1 − 1/n1 + 1/x2 − 1/n2).
 * For escapes, rr = after / before reads "after adoption, escapes happen at rr times the old rate":
 * 0.5 is half as often, 1 is unchanged.
 *
 * Zeros. Where a zero breaks the computation — no event in one group (rr is 0 or ∞ and SE infinite), or
 * every member of both groups an event (SE = 0, an interval of zero width) — 0.5 is added to all four
 * cells (Haldane 1956, "The estimation and significance of the logarithm of a ratio of frequencies", Annals
 * of Human Genetics 20:309–311; the rule MedCalc states, after Pagano & Gauvreau 2000 and Deeks & Higgins
 * 2010) and `corrected` is true; rr, low and high all come from the corrected table. A corrected estimate
 * replaces 0 or ∞ by a finite number and should be read as "the data bound the ratio on one side only".
 *
 * Returns null — not estimable — when a group is empty (n = 0: there is no rate), or when neither group
 * has any event (x1 = x2 = 0: 0/0 says nothing about a ratio, and a corrected value would only reflect the
 * group sizes; the Cochrane Handbook likewise leaves double-zero studies out of ratio measures). The
 * difference of the rates is still estimable in that case and is the figure to show.
 *
 * Known weakness: the Katz interval is an asymptotic one and is recommended only for moderate to large
 * counts (Fagerland, Lydersen & Laake 2015, "Recommended confidence intervals for two independent binomial
 * proportions", Statistical Methods in Medical Research 24:224–254); with a handful of events read it as
 * indicative, and lean on the Newcombe interval of the difference.
 */
export function relativeRisk(x1: number, n1: number, x2: number, n2: number, z = Z_95): RelativeRisk | null {
  assertCounts('relativeRisk', x1, n1);
  assertCounts('relativeRisk', x2, n2);
  if (n1 === 0 || n2 === 0 || (x1 === 0 && x2 === 0)) return null;
  const corrected = x1 === 0 || x2 === 0 || (x1 === n1 && x2 === n2);
  const add = corrected ? 0.5 : 0;
  const a = x1 + add;
  const c = x2 + add;
  const m1 = n1 + 2 * add;
  const m2 = n2 + 2 * add;
  const rr = a / m1 / (c / m2);
  const se = Math.sqrt(1 / a - 1 / m1 + 1 / c - 1 / m2);
  return { rr, low: rr * Math.exp(-z * se), high: rr * Math.exp(z * se), corrected };
}
