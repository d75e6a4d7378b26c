import type { ContrastInterval, ProportionComparison } from '@escapement/domain';

/** A difference of two rates in percentage points, signed with a true minus: "−12.0 points". */
export function formatPoints(difference: number, digits = 1): string {
  const points = difference * 100;
  const text = Math.abs(points).toFixed(digits);
  if (Number(text) === 0) return `0 points`;
  return `${points < 0 ? '−' : '+'}${text} ${text === '1.0' || text === '1' ? 'point' : 'points'}`;
}

/** p-values as people quote them: three decimals, and "< 0.001" rather than a string of zeros. */
export function formatPValue(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.1 ? p.toFixed(3) : p.toFixed(2)}`;
}

export function testName(comparison: Pick<ProportionComparison, 'test'>): string {
  return comparison.test === 'fisher' ? "Fisher's exact test" : 'two-proportion z-test';
}

/** Why that test: Fisher's exact test when a cell of the 2×2 table would expect fewer than five findings. */
export function testReason(comparison: Pick<ProportionComparison, 'test' | 'smallestExpectedCount'>): string {
  return comparison.test === 'fisher'
    ? `used because an expected count was below 5 (smallest ${comparison.smallestExpectedCount.toFixed(1)})`
    : 'used because every expected count was at least 5';
}

/** The p-value as a frequency: how often chance alone would give a difference this large. */
export function pValueWords(p: number): string {
  const perHundred = p * 100;
  const frequency = perHundred < 1 ? 'less than once in 100 comparisons' : `about ${Math.round(perHundred)} times in 100`;
  return `If the practice had changed nothing, a difference at least this large would turn up ${frequency}.`;
}

/**
 * The verdict in plain language, with what docs/metrics.md asks a reader to keep in mind: an underpowered
 * comparison cannot tell, its minimum detectable difference says what it could have seen, and "could be
 * chance" is not evidence of no effect.
 */
export function verdictExplanation(comparison: ProportionComparison): string {
  const power = `${Math.round(comparison.power * 100)}%`;
  if (comparison.verdict === 'likely real') {
    return `The difference is unlikely under "no change" (${formatPValue(comparison.pValue)}) and there are enough findings to detect a change of this size (power ${power}).`;
  }
  const parts: string[] = [];
  if (comparison.underpowered) {
    parts.push(`Too few findings to tell: the chance of detecting a change this size is ${power}, below 80%.`);
    const detectable = comparison.minimumDetectableDifference;
    if (detectable && (detectable.decrease !== null || detectable.increase !== null)) {
      const fall = detectable.decrease !== null ? `a fall of at least ${formatPoints(Math.abs(detectable.decrease)).slice(1)}` : null;
      const rise = detectable.increase !== null ? `a rise of at least ${formatPoints(Math.abs(detectable.increase)).slice(1)}` : null;
      parts.push(`With these counts only ${[fall, rise].filter(Boolean).join(' or ')} would be detected 80% of the time.`);
    }
  } else {
    parts.push(`A difference this large turns up by chance too often (${formatPValue(comparison.pValue)}) to call it real.`);
  }
  parts.push('This is not evidence that the practice had no effect.');
  return parts.join(' ');
}

/** "from 30.0% to 18.0%, −12.0 points (95% interval −20.1 to −3.9 points)". */
export function differenceWords(comparison: ProportionComparison): string | null {
  const { difference } = comparison;
  if (difference === null) return null;
  return `${formatPoints(difference.estimate)} (95% interval ${formatPoints(difference.low).replace(/ points?$/, '')} to ${formatPoints(difference.high)})`;
}

/** The difference in differences with its interval and p-value, naming the adjusted method when it was used. */
export function differenceInDifferencesWords(did: ContrastInterval): string {
  const interval = `95% interval ${formatPoints(did.low).replace(/ points?$/, '')} to ${formatPoints(did.high)}`;
  const method = did.method === 'adjusted-wald' ? ', adjusted Wald interval of Price & Bonett because every rate was 0 or 1' : '';
  return `${formatPoints(did.estimate)} (${interval}${method}), ${formatPValue(did.pValue)}`;
}
