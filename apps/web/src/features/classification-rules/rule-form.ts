import type { ClassificationRuleDto, FindingCategory, FindingClass } from '@escapement/domain';

export interface RuleDraft {
  ruleId: string;
  tool: string;
  cweId: string;
  findingClass: FindingClass;
  /** Empty: the finding keeps its own category. */
  category: FindingCategory | '';
  reason: string;
}

export type RuleField = 'ruleId' | 'tool' | 'cweId' | 'findingClass' | 'category' | 'reason';

export const EMPTY_RULE_DRAFT: RuleDraft = { ruleId: '', tool: '', cweId: '', findingClass: 'design', category: '', reason: '' };

/** A CWE as people write it: 639, CWE-639 or cwe 639. */
export function parseCwe(text: string): number | null {
  const match = /^\s*(?:cwe[\s-]*)?(\d{1,6})\s*$/i.exec(text);
  return match ? Number(match[1]) : null;
}

export function validateRule(draft: RuleDraft): Partial<Record<RuleField, string>> {
  const errors: Partial<Record<RuleField, string>> = {};
  if (draft.ruleId.trim() === '' && draft.tool.trim() === '' && draft.cweId.trim() === '') {
    errors.ruleId = 'Match on at least one of rule id, tool or CWE.';
  }
  if (draft.ruleId.trim().length > 500) errors.ruleId = 'Keep the rule id to 500 characters.';
  if (draft.tool.trim().length > 200) errors.tool = 'Keep the tool name to 200 characters.';
  if (draft.cweId.trim() !== '') {
    const cwe = parseCwe(draft.cweId);
    if (cwe === null || cwe < 1 || cwe > 100_000) errors.cweId = 'Give a CWE number, e.g. 639 or CWE-639.';
  }
  if (draft.reason.trim().length > 1000) errors.reason = 'Keep the reason to 1000 characters.';
  return errors;
}

export interface CreateRuleBody {
  match: { ruleId?: string; tool?: string; cweId?: number };
  findingClass: FindingClass;
  category?: FindingCategory;
  reason?: string;
}

export function ruleRequest(draft: RuleDraft): CreateRuleBody {
  const cwe = parseCwe(draft.cweId);
  return {
    match: {
      ...(draft.ruleId.trim() ? { ruleId: draft.ruleId.trim() } : {}),
      ...(draft.tool.trim() ? { tool: draft.tool.trim() } : {}),
      ...(cwe !== null ? { cweId: cwe } : {}),
    },
    findingClass: draft.findingClass,
    ...(draft.category ? { category: draft.category } : {}),
    ...(draft.reason.trim() ? { reason: draft.reason.trim() } : {}),
  };
}

/** What a rule matches, in one line: every condition must hold. */
export function matchSummary(match: ClassificationRuleDto['match']): string {
  const parts = [match.tool ? `tool ${match.tool}` : null, match.ruleId ? `rule ${match.ruleId}` : null, match.cweId ? `CWE-${match.cweId}` : null];
  return parts.filter(Boolean).join(' and ');
}

/** How many stored findings changed class, said plainly: the number moves the metrics. */
export function reclassifiedMessage(action: 'added' | 'deleted', reclassified: number): string {
  const count = reclassified === 0 ? 'no finding changed class' : reclassified === 1 ? '1 finding changed class' : `${reclassified} findings changed class`;
  return `Rule ${action}: ${count}.`;
}
