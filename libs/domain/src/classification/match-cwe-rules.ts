import type { CweRule, CweSelector } from './classification-rule';
import { type CweAbstraction, cweEntry, isCweDescendantOf, isCweMemberOf } from './cwe-catalogue';
import { cweLabel } from './cwe-label';
import { CWE_RULES } from './cwe-rules';

/** The rule that decides one CWE, and how the catalogue connects the CWE to the rule. */
export interface CweVerdict {
  cweId: number;
  rule: CweRule;
  /** "CWE-89 (…) descends from CWE-74 (…)", quoted at the start of the reason. */
  evidence: string;
}

/** How the selector covers the CWE, in words, or null when it does not. */
export function cweEvidence(selector: CweSelector, cweId: number): string | null {
  if (selector.ids?.includes(cweId)) return cweLabel(cweId);
  for (const ancestor of selector.under ?? []) {
    if (ancestor === cweId) return cweLabel(cweId);
    if (isCweDescendantOf(cweId, ancestor)) {
      const relation = cweEntry(cweId)?.parents.includes(ancestor) ? 'is a child of' : 'descends from';
      return `${cweLabel(cweId)} ${relation} ${cweLabel(ancestor)}`;
    }
  }
  for (const categoryId of selector.memberOf ?? []) {
    if (isCweMemberOf(cweId, categoryId)) return `${cweLabel(cweId)} is a member of ${cweLabel(categoryId)}`;
  }
  return null;
}

// The built-in rules never change at run time, so each CWE's verdict is worked out once.
const verdicts = new Map<number, CweVerdict | null>();

/** The first built-in CWE rule that covers the CWE, or null when none does (unknown ids included). */
export function cweVerdict(cweId: number): CweVerdict | null {
  const known = verdicts.get(cweId);
  if (known !== undefined) return known;
  let verdict: CweVerdict | null = null;
  for (const rule of CWE_RULES) {
    const evidence = cweEvidence(rule.cwes, cweId);
    if (evidence !== null) {
      verdict = { cweId, rule, evidence };
      break;
    }
  }
  verdicts.set(cweId, verdict);
  return verdict;
}

// Compounds (chains and composites such as CSRF) name one concrete weakness, as a base does.
const SPECIFICITY: Readonly<Record<CweAbstraction, number>> = { pillar: 1, class: 2, base: 3, compound: 3, variant: 4 };
const specificity = (cweId: number) => {
  const abstraction = cweEntry(cweId)?.abstraction;
  return abstraction ? SPECIFICITY[abstraction] : 0;
};

/**
 * The verdict for a finding's CWE list: a design verdict anywhere in the list wins over pattern ones,
 * and among the verdicts of the winning class the most specific CWE (by MITRE's abstraction level,
 * then the tool's order) names the category: [20, 79] is cross-site scripting, not input validation.
 *
 * Design wins because tools list a generic pattern CWE (20, 74, 200) beside the specific one, and SARIF
 * tags carry no order: a missing authorization check tagged [20, 862] is an authorization flaw. Calling
 * it pattern-level would hide exactly the escapes context-aware practice is meant to stop, so the
 * design reading is the safer one. `outranked` lists the pattern-level CWEs it won over, for the reason.
 */
export function decideByCwes(cweIds: readonly number[]): { verdict: CweVerdict; outranked: number[] } | null {
  const found = [...new Set(cweIds)].map(cweVerdict).filter((verdict): verdict is CweVerdict => verdict !== null);
  if (found.length === 0) return null;
  const design = found.filter((verdict) => verdict.rule.findingClass === 'design');
  const winners = design.length > 0 ? design : found;
  const verdict = winners.reduce((best, next) => (specificity(next.cweId) > specificity(best.cweId) ? next : best));
  const outranked = design.length > 0 ? found.filter((other) => other.rule.findingClass === 'pattern').map((other) => other.cweId) : [];
  return { verdict, outranked };
}
