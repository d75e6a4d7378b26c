import type { RuleVerdict } from './classification-rule';
import { CWE_RULES } from './cwe-rules';
import { DEPENDENCY_RULES, SOURCE_RULES, TOOL_RULES } from './finding-rules';

/**
 * Every built-in rule in the order the classifier consults them, after the workspace's own rules:
 * 1. dependency advisories (the CWE of an upstream bug is not the team's design flaw);
 * 2. the finding's CWEs, through the catalogue (a design CWE anywhere in the list wins);
 * 3. well-known tool rule ids and tools;
 * 4. the kind of activity that found it.
 * A finding no rule decides is `unclassified`, with rule `none`.
 */
export const CLASSIFICATION_RULES: readonly RuleVerdict[] = [...DEPENDENCY_RULES, ...CWE_RULES, ...TOOL_RULES, ...SOURCE_RULES];
