import type { AdoptionVerdictResponse, ClassVerdict, ExploratorySetting, FollowUpHorizon, VerdictCode } from '@escapement/domain';
import { formatPoints } from './impact-words';

/** The verdict codes as a person reads them; the API's `words` then say why. */
export const VERDICT_LABELS: Record<VerdictCode, string> = {
  'likely-real': 'Likely real',
  'no-important-change': 'No important change',
  'too-little-data': 'Too little data to tell',
  'no-control': 'No control group',
};

/** Badge tone per code: only "likely real" is green; a null result with power is neutral, not a failure. */
export const VERDICT_TONES: Record<VerdictCode, string> = {
  'likely-real': 'verdict-real',
  'no-important-change': 'verdict-null',
  'too-little-data': 'verdict-chance',
  'no-control': 'verdict-chance',
};

const SETTING_LABELS: Record<ExploratorySetting, string> = {
  class: 'finding class',
  boundary: 'escape boundary',
  horizon: 'follow-up horizon',
  minimalImportantDifference: 'minimal important difference',
};

/** "−3.7 points (95% −10.5 to +3.1)", or why there is no estimate. */
export function estimateWords(entry: Pick<ClassVerdict, 'estimate' | 'interval'>): string {
  if (entry.estimate === null) return 'No estimate: too few findings on one side.';
  const interval = entry.interval ? ` (95% interval ${intervalWords(entry.interval.low, entry.interval.high)})` : '';
  return `${formatPoints(entry.estimate)}${interval}`;
}

/** p-values to three significant places, and "< 0.001" below that. */
export function pWords(p: number | null): string {
  if (p === null) return 'not tested';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** The randomisation p-value with the units it permuted. */
export function randomisationWords(entry: Pick<ClassVerdict, 'pValue' | 'adjustedPValue' | 'units' | 'randomisation'>): string {
  const units = `${entry.units.adopting} adopting and ${entry.units.control} control ${entry.units.control === 1 ? 'service' : 'services'}`;
  if (entry.pValue === null || entry.randomisation === null) return `Not tested (${units}).`;
  const how =
    entry.randomisation.method === 'exact'
      ? `exact over all ${entry.randomisation.assignments.toLocaleString('en-GB')} relabellings`
      : `${entry.randomisation.evaluated.toLocaleString('en-GB')} random relabellings`;
  return `p = ${pWords(entry.adjustedPValue)} Holm-adjusted across classes (p = ${pWords(entry.pValue)} alone), ${how} of ${units}.`;
}

/** H, and how it was chosen. */
export function horizonWords(horizon: FollowUpHorizon): string {
  const rule =
    horizon.rule.kind === 'days'
      ? `fixed at ${horizon.rule.days} days`
      : horizon.estimated
        ? `the ${Math.round(horizon.rule.quantile * 100)}th percentile of the organisation's detection delay to escape (Kaplan–Meier, ${horizon.escapes.toLocaleString('en-GB')} dated escapes)`
        : `${horizon.horizonDays} days, because too few dated escapes exist to estimate the ${Math.round(horizon.rule.quantile * 100)}th percentile`;
  return `${horizon.horizonDays} days: ${rule}.`;
}

/** The share of escapes that arrive after H, which the comparison does not count. */
export function lateEscapeWords(horizon: FollowUpHorizon): string {
  if (horizon.shareAfterHorizon === null) return 'Not estimable (no dated escapes).';
  return `${percent(horizon.shareAfterHorizon)} of escapes are estimated to arrive later than H and are not counted on either side (a lower bound).`;
}

export function fallbackWords(share: number | null): string {
  if (share === null) return 'No findings compared.';
  return `${percent(share)} of the compared findings have no introduction date and are dated by their first detection.`;
}

/** The same analysis with every finding dated by its first detection. */
export function sensitivityWords(entry: Pick<ClassVerdict, 'sensitivity'>): string {
  const s = entry.sensitivity;
  if (s === null) return 'Not run.';
  if (s.estimate === null) return `With detection dates: ${VERDICT_LABELS[s.code].toLowerCase()} (no estimate).`;
  const interval = s.low !== null && s.high !== null ? ` (${intervalWords(s.low, s.high)})` : '';
  return `With every finding dated by its first detection: ${formatPoints(s.estimate)}${interval}, p = ${pWords(s.pValue)} — ${VERDICT_LABELS[s.code].toLowerCase()}.`;
}

/** Which analysis this is: the one fixed in advance, or an exploratory look and what it changed. */
export function analysisWords(verdict: Pick<AdoptionVerdictResponse, 'analysis' | 'exploratorySettings'>): string {
  if (verdict.analysis === 'primary') return 'Primary analysis, fixed when the adoption was recorded';
  return `Exploratory: the ${verdict.exploratorySettings.map((s) => SETTING_LABELS[s]).join(', ')} differ${verdict.exploratorySettings.length === 1 ? 's' : ''} from the primary analysis`;
}

/** "−10.5 to +3.1 points": the unit once. */
export function intervalWords(low: number, high: number): string {
  return `${formatPoints(low).replace(/ points?$/, '')} to ${formatPoints(high)}`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
}
