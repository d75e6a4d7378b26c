import { FINDING_CATEGORIES_OF_LAYER, FINDING_CATEGORIES_OF_STRIDE } from './threat-categories';
import type { ModelThreat } from './threat-model';

/** What a finding is, as far as threats are concerned. */
export interface FindingWeakness {
  cweIds: readonly number[];
  /** The classifier's category (`authorization`, `injection` …), or null when unknown. */
  category: string | null;
}

/**
 * True when two CWE ids are the same weakness or one is an ancestor of the other in the CWE tree. The
 * caller supplies it, so this module does not carry the catalogue.
 */
export type CweRelation = (a: number, b: number) => boolean;

/**
 * The threats a finding realises, in model order. A threat with CWE ids is relevant when one of them
 * is equal or related to one of the finding's; its CWE ids are then the whole story (a threat about
 * CWE-639 is not also about every other authorization flaw). A threat without CWE ids is relevant when
 * its STRIDE category or PWNISMS layer maps to the finding's category (see `threat-categories.ts`).
 */
export function relevantThreats(finding: FindingWeakness, threats: readonly ModelThreat[], related: CweRelation): ModelThreat[] {
  const category = finding.category === null ? null : normaliseCategory(finding.category);
  return threats.filter((threat) =>
    threat.cweIds.length > 0 ? sharesWeakness(threat.cweIds, finding.cweIds, related) : category !== null && hintsAt(threat, category),
  );
}

/** Both orders are asked, so a relation that only answers "is `a` an ancestor of `b`" works too. */
function sharesWeakness(threatIds: readonly number[], findingIds: readonly number[], related: CweRelation): boolean {
  return threatIds.some((threatId) =>
    findingIds.some((findingId) => threatId === findingId || related(threatId, findingId) || related(findingId, threatId)),
  );
}

function hintsAt(threat: ModelThreat, category: string): boolean {
  const byStride: readonly string[] = threat.stride === null ? [] : FINDING_CATEGORIES_OF_STRIDE[threat.stride];
  const byLayer: readonly string[] = threat.layer === null ? [] : FINDING_CATEGORIES_OF_LAYER[threat.layer];
  return byStride.includes(category) || byLayer.includes(category);
}

/** Categories arrive from the API and from workspace rules: `Information_Exposure` is `information-exposure`. */
function normaliseCategory(category: string): string {
  return category.trim().toLowerCase().replace(/[\s_]+/g, '-');
}
