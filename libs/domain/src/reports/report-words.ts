import type { ReportRate, ReportVerdict } from '../api/reports';

/** A rate as the report prints it: one decimal, "–" without findings. */
export function reportPercent(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(1)}%`;
}

/** A change of rate in percentage points, signed: "+3.2 pts", "−1.0 pts". */
export function reportPoints(change: number | null): string {
  if (change === null) return '–';
  const points = change * 100;
  const sign = points > 0.05 ? '+' : points < -0.05 ? '−' : '±';
  return `${sign}${Math.abs(points).toFixed(1)} pts`;
}

/** "12.5% (9 of 72)". */
export function rateWithCounts(rate: ReportRate): string {
  return rate.rate === null ? 'no findings' : `${reportPercent(rate.rate)} (${rate.escaped} of ${rate.findings})`;
}

/** The change from `previous` to `current`, in points; null when one has no rate. */
export function rateChange(current: ReportRate, previous: ReportRate): number | null {
  return current.rate === null || previous.rate === null ? null : current.rate - previous.rate;
}

/** The verdict's statistics in one line. */
export function verdictStatistics(verdict: ReportVerdict): string {
  if (verdict.code === null) return '';
  const parts: string[] = [];
  if (verdict.estimate !== null) {
    parts.push(`control-adjusted change ${reportPoints(verdict.estimate)}${verdict.ciLow !== null && verdict.ciHigh !== null ? ` (95% interval ${reportPoints(verdict.ciLow)} to ${reportPoints(verdict.ciHigh)})` : ''}`);
  }
  if (verdict.pValue !== null) parts.push(`randomisation p = ${verdict.pValue < 0.001 ? '< 0.001' : verdict.pValue.toFixed(3)}`);
  if (verdict.adoptingUnits !== null && verdict.controlUnits !== null) parts.push(`${verdict.adoptingUnits} adopting and ${verdict.controlUnits} control services`);
  if (verdict.horizonDays !== null) parts.push(`escapes counted within ${verdict.horizonDays} days`);
  if (verdict.fallbackShare !== null) parts.push(`${Math.round(verdict.fallbackShare * 100)}% dated by detection`);
  return `${parts.join('; ')}${verdict.analysis === 'exploratory' ? ' (exploratory analysis)' : ''}.`;
}

export const VERDICT_HEADLINES: Readonly<Record<string, string>> = {
  'likely-real': 'Likely real',
  'no-important-change': 'No important change',
  'too-little-data': 'Too little data to tell',
  'no-control': 'No control group',
};
