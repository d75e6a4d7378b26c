import type { RuleVerdict } from './classification-rule';
import { cweLabel } from './cwe-label';
import type { ClassificationInput, FindingClassification } from './finding-classification';
import { DEPENDENCY_RULES, SOURCE_RULES, TOOL_RULES } from './finding-rules';
import { decideByCwes } from './match-cwe-rules';
import { findingRuleEvidence } from './match-finding-rule';
import { type WorkspaceRule, workspaceRuleEvidence, workspaceRuleRef } from './workspace-rule';

/** The rule id stored when no rule applies, so unclassified findings can be found and reviewed. */
export const NO_CLASSIFICATION_RULE = 'none';

export interface ClassifyOptions {
  /** The organisation's own rules, tried in order before the built-in ones. */
  workspaceRules?: readonly WorkspaceRule[];
}

function decided(rule: RuleVerdict, evidence: string, note = ''): FindingClassification {
  return {
    findingClass: rule.findingClass,
    category: rule.category,
    layer: rule.layer,
    rule: rule.id,
    reason: `${evidence}: ${rule.findingClass}-level — ${rule.why}${note}`,
  };
}

const FALLBACK_RULES = [...TOOL_RULES, ...SOURCE_RULES];

const cweList = (cweIds: readonly number[]) => cweIds.map((cweId) => `CWE-${cweId}`).join(', ');

function classifyByBuiltInRules(input: ClassificationInput): FindingClassification {
  const upstream = input.cweIds.length > 0 ? ` (the advisory's ${cweList(input.cweIds)} describes the upstream flaw)` : '';
  for (const rule of DEPENDENCY_RULES) {
    const evidence = findingRuleEvidence(rule, input);
    if (evidence !== null) return decided(rule, evidence, upstream);
  }

  const byCwes = decideByCwes(input.cweIds);
  if (byCwes) {
    const { verdict, outranked } = byCwes;
    const note = outranked.length > 0 ? `; it outranks the pattern-level ${outranked.map(cweLabel).join(', ')} also listed` : '';
    return decided(verdict.rule, verdict.evidence, note);
  }

  // The CWEs decided nothing; say so, so nobody wonders whether they were read.
  const undecided = input.cweIds.length > 0 ? ` (no rule decides on ${cweList(input.cweIds)})` : '';
  for (const rule of FALLBACK_RULES) {
    const evidence = findingRuleEvidence(rule, input);
    if (evidence !== null) return decided(rule, evidence, undecided);
  }
  return {
    findingClass: 'unclassified',
    category: 'other',
    layer: null,
    rule: NO_CLASSIFICATION_RULE,
    reason: `no CWE, rule id or source kind decides its class${undecided}; a person should classify it`,
  };
}

/**
 * Design- or pattern-level, with the rule that decided and a reason a security lead can check. The
 * workspace's rules come first: they are the organisation's own decisions. A workspace rule that sets
 * no category keeps the built-in category and layer, so reclassifying a rule does not lose them.
 */
export function classifyFinding(input: ClassificationInput, options: ClassifyOptions = {}): FindingClassification {
  const builtIn = classifyByBuiltInRules(input);
  for (const rule of options.workspaceRules ?? []) {
    const evidence = workspaceRuleEvidence(rule, input);
    if (evidence === null) continue;
    const verdict = rule.findingClass === 'unclassified' ? 'left unclassified' : `${rule.findingClass}-level`;
    return {
      findingClass: rule.findingClass,
      category: rule.category ?? builtIn.category,
      layer: builtIn.layer,
      rule: workspaceRuleRef(rule),
      reason: `workspace rule "${rule.id}" (${evidence}): ${verdict} by the organisation's decision${rule.reason ? ` — ${rule.reason}` : ''}`,
    };
  }
  return builtIn;
}
