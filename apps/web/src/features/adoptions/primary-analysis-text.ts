import { parseHorizonRule, type PrimaryAnalysis } from '@escapement/domain';
import { STAGE_LABELS } from '../../lib/stage-labels';

const CLASS_WORDS: Record<PrimaryAnalysis['findingClass'], string> = {
  design: 'Design-level',
  pattern: 'Pattern-level',
  unclassified: 'Unclassified',
  all: 'All findings',
};

/** An adoption's primary analysis in one line: "Design-level · escapes from CI · horizon p90 of detection delay · MID 10 points". */
export function describePrimaryAnalysis(primary: PrimaryAnalysis): string {
  const rule = parseHorizonRule(primary.horizonRule);
  const horizon = rule === null ? primary.horizonRule : rule.kind === 'days' ? `${rule.days} days` : `p${Math.round(rule.quantile * 100)} of detection delay`;
  const points = Math.round(primary.minimalImportantDifference * 1000) / 10;
  return `${CLASS_WORDS[primary.findingClass]} · escapes from ${STAGE_LABELS[primary.boundary]} · horizon ${horizon} · MID ${points} ${points === 1 ? 'point' : 'points'}`;
}
