import { formatDay } from '../../lib/format';
import { categoryLabel, GAP_LABELS, isFindingGap, type FindingGap } from '../../lib/finding-labels';
import type { FindingDetailDto, FindingLinkDto } from '@escapement/domain';

export interface GapExplanation {
  gap: FindingGap | null;
  label: string;
  /** One sentence a security lead can check against the threat model and the code history. */
  text: string;
}

type GapFacts = Pick<FindingDetailDto, 'gap' | 'introducedAt' | 'firstDetectedAt' | 'links' | 'serviceName' | 'location' | 'cweIds' | 'category'>;

/**
 * The threat the context gap rests on: the linked threat the model named first. Earlier is what
 * matters, since it shows for how long the context was there to be used.
 */
function earliestThreat(links: readonly FindingLinkDto[]): FindingLinkDto['threat'] {
  let earliest: FindingLinkDto['threat'] = null;
  for (const { threat } of links) {
    if (threat === null) continue;
    if (earliest === null || (threat.firstEffectiveFrom ?? '9999') < (earliest.firstEffectiveFrom ?? '9999')) earliest = threat;
  }
  return earliest;
}

function componentNames(links: readonly FindingLinkDto[]): string[] {
  return [...new Set(links.map((link) => link.component.name ?? link.component.key))];
}

/** What the finding is, for "no threat covers …": its CWE ids, else its category. */
function weakness(facts: GapFacts): string {
  if (facts.cweIds.length > 0) return facts.cweIds.map((id) => `CWE-${id}`).join(', ');
  return facts.category ? `${categoryLabel(facts.category).toLowerCase()} flaws` : 'this kind of flaw';
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? 'its component';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The gap of a finding in words, with the dates and names that back it. */
export function explainGap(facts: GapFacts): GapExplanation {
  const gap = isFindingGap(facts.gap) ? facts.gap : null;
  const flawDate = facts.introducedAt
    ? `before the flaw was introduced on ${formatDay(facts.introducedAt)}`
    : `before the flaw was first detected on ${formatDay(facts.firstDetectedAt)} (when it was introduced is not recorded)`;
  switch (gap) {
    case 'context_gap': {
      const threat = earliestThreat(facts.links);
      const named = threat?.title ? `named the threat “${threat.title}”` : 'named this threat';
      const on = threat?.firstEffectiveFrom ? ` on ${formatDay(threat.firstEffectiveFrom)}` : '';
      return {
        gap,
        label: GAP_LABELS[gap],
        text: `Context gap: the threat model ${named}${on}, ${flawDate} — the context existed but did not reach the code.`,
      };
    }
    case 'model_gap':
      return {
        gap,
        label: GAP_LABELS[gap],
        text: `Model gap: ${joinNames(componentNames(facts.links))} is in the threat model, but none of its threats covers ${weakness(facts)} — the threat model itself missed it.`,
      };
    case 'unmodelled': {
      const place = facts.location.path ? `${facts.serviceName} (${facts.location.path})` : facts.serviceName;
      return {
        gap,
        label: GAP_LABELS[gap],
        text: `Unmodelled: no threat-model component matches ${place} — there was no threat model to take context from.`,
      };
    }
    default:
      return { gap: null, label: facts.gap || 'Unknown', text: 'The threat-model links do not say why this finding was not stopped.' };
  }
}
