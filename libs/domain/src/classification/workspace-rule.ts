import { RE2JS } from 're2js';
import type { FindingClass } from '../model/finding';
import { DEFAULT_GLOB_LIMITS, type GlobLimits, type GlobMatcher } from '../threat-models/glob';
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

/**
 * Rule-id globs come from people, and `*a*a*a*a*a*a*a*a*b` against a 60-character id backtracks for
 * minutes in a JavaScript regular expression. They run on RE2JS, whose automaton takes time linear in
 * the id, compiled once per glob.
 */
const MAX_CACHED_GLOBS = 2000;
const globs = new Map<string, GlobMatcher>();

function globPattern(glob: string): GlobMatcher {
  let pattern = globs.get(glob);
  if (!pattern) {
    const compiled = RE2JS.compile(glob.split('*').map((part) => RE2JS.quote(part)).join('.*'), RE2JS.DOTALL);
    pattern = { test: (text) => compiled.matches(text) };
    if (globs.size >= MAX_CACHED_GLOBS) globs.clear();
    globs.set(glob, pattern);
  }
  return pattern;
}

export function ruleIdMatchesGlob(ruleId: string, glob: string): boolean {
  return glob.includes('*') ? globPattern(glob).test(ruleId) : ruleId === glob;
}

/** Why a rule id (exact, or a glob with `*`) is over the limits, or null when it is within them. */
export function ruleIdGlobProblem(glob: string, limits: GlobLimits = DEFAULT_GLOB_LIMITS): string | null {
  const stars = glob.match(/\*+/g)?.length ?? 0;
  if (stars === 0) return null;
  if (glob.length > limits.maxLength) return `is a glob of ${glob.length} characters; a rule-id glob may have at most ${limits.maxLength}`;
  if (stars > limits.maxWildcards) return `has ${stars} wildcards; a rule-id glob may have at most ${limits.maxWildcards}`;
  return null;
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
