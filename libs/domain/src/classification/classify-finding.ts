import { CLASSIFICATION_RULES, type ClassificationRule } from './classification-rules';
import type { ClassificationInput, FindingClassification } from './finding-classification';

/** The rule id stored when no rule applies, so unclassified findings can be found and reviewed. */
export const NO_CLASSIFICATION_RULE = 'none';

/**
 * Design- or pattern-level, decided by the first rule that matches. The rules are a parameter so the
 * CWE-catalogue-driven rule set can replace the built-in one without touching callers.
 */
export function classifyFinding(
  input: ClassificationInput,
  rules: readonly ClassificationRule[] = CLASSIFICATION_RULES,
): FindingClassification {
  for (const rule of rules) {
    const matched = rule.match(input);
    if (matched !== null) {
      return {
        findingClass: rule.findingClass,
        category: rule.category,
        rule: rule.id,
        reason: rule.reason.replace('{match}', matched),
      };
    }
  }
  return {
    findingClass: 'unclassified',
    category: 'other',
    rule: NO_CLASSIFICATION_RULE,
    reason: 'no known CWE, rule id or source kind decides its class; a person should classify it',
  };
}
