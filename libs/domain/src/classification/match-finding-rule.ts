import type { FindingRule } from './classification-rule';
import type { ClassificationInput } from './finding-classification';

/**
 * What in the finding made the rule apply ("tool "gitleaks"", "rule id "CVE-2021-44228"", "source kind
 * pentest"), or null when a condition fails. A rule with no condition matches nothing.
 */
export function findingRuleEvidence(rule: FindingRule, input: ClassificationInput): string | null {
  const evidence: string[] = [];
  if (rule.tool) {
    if (!input.tool || !rule.tool.test(input.tool)) return null;
    evidence.push(`tool "${input.tool}"`);
  }
  if (rule.ruleId) {
    if (!input.ruleId || !rule.ruleId.test(input.ruleId)) return null;
    evidence.push(`rule id "${input.ruleId}"`);
  }
  if (rule.sourceKinds) {
    if (!rule.sourceKinds.includes(input.sourceKind)) return null;
    evidence.push(`source kind ${input.sourceKind}`);
  }
  return evidence.length > 0 ? evidence.join(', ') : null;
}
