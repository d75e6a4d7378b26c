import type { FindingClass } from '../model/finding';
import type { ClassificationInput, FindingCategory } from './finding-classification';

/**
 * An organisation's own classification decision ("semgrep rule acme.authz.* is design-level"). It is
 * applied before every built-in rule. All `match` fields given must hold; a rule with none matches
 * nothing, so an empty rule cannot reclassify every finding by accident.
 */
export interface WorkspaceRule {
  id: string;
  match: {
    /** Exact rule id, or a glob where `*` stands for any run of characters. Case-sensitive, as rule ids are. */
    ruleId?: string;
    /** Tool name, compared case-insensitively: SARIF drivers spell the same tool "CodeQL" or "codeql". */
    tool?: string;
    /** A CWE id the finding lists. */
    cweId?: number;
  };
  findingClass: FindingClass;
  /** Defaults to the category the built-in rules give. */
  category?: FindingCategory;
  /** The organisation's own words, quoted in the finding's reason. */
  reason?: string;
}

/** The `rule` recorded for a verdict of a workspace rule, so re-classification can find its findings. */
export function workspaceRuleRef(rule: Pick<WorkspaceRule, 'id'>): string {
  return `workspace:${rule.id}`;
}

const globs = new Map<string, RegExp>();

function globPattern(glob: string): RegExp {
  let pattern = globs.get(glob);
  if (!pattern) {
    const source = glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    pattern = new RegExp(`^${source}$`);
    globs.set(glob, pattern);
  }
  return pattern;
}

export function ruleIdMatchesGlob(ruleId: string, glob: string): boolean {
  return glob.includes('*') ? globPattern(glob).test(ruleId) : ruleId === glob;
}

/** What the rule matched, in words ("rule id "acme.authz.check" matches "acme.authz.*""), or null. */
export function workspaceRuleEvidence(rule: WorkspaceRule, input: ClassificationInput): string | null {
  const { ruleId, tool, cweId } = rule.match;
  const evidence: string[] = [];
  if (ruleId !== undefined) {
    if (!input.ruleId || !ruleIdMatchesGlob(input.ruleId, ruleId)) return null;
    evidence.push(ruleId === input.ruleId ? `rule id "${ruleId}"` : `rule id "${input.ruleId}" matches "${ruleId}"`);
  }
  if (tool !== undefined) {
    if (!input.tool || input.tool.toLowerCase() !== tool.toLowerCase()) return null;
    evidence.push(`tool "${input.tool}"`);
  }
  if (cweId !== undefined) {
    if (!input.cweIds.includes(cweId)) return null;
    evidence.push(`CWE-${cweId}`);
  }
  return evidence.length > 0 ? evidence.join(', ') : null;
}
