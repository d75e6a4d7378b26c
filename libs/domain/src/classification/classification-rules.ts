import type { FindingClass, SourceKind } from '../model/finding';
import { cweLabel } from './cwe-names';
import type { ClassificationInput, FindingCategory } from './finding-classification';

export interface ClassificationRule {
  /** Stable id stored with each finding (`classRule`), so a rule's verdicts can be found and re-run. */
  id: string;
  findingClass: FindingClass;
  category: FindingCategory;
  /** What in the input made the rule apply, quoted in the reason; null when the rule does not apply. */
  match: (input: ClassificationInput) => string | null;
  /** `{match}` stands for what `match` returned. */
  reason: string;
}

function cweRule(
  id: string,
  findingClass: FindingClass,
  category: FindingCategory,
  cweIds: readonly number[],
  reason: string,
): ClassificationRule {
  const known = new Set(cweIds);
  return {
    id,
    findingClass,
    category,
    reason,
    // The finding's own CWE order only picks which of its matching CWEs the reason quotes.
    match: (input) => {
      const hit = input.cweIds.find((cweId) => known.has(cweId));
      return hit === undefined ? null : cweLabel(hit);
    },
  };
}

function hintRule(
  id: string,
  findingClass: FindingClass,
  category: FindingCategory,
  field: 'ruleId' | 'tool',
  pattern: RegExp,
  reason: string,
): ClassificationRule {
  const label = field === 'ruleId' ? 'rule id' : 'tool';
  return {
    id,
    findingClass,
    category,
    reason,
    match: (input) => {
      const value = input[field];
      return value && pattern.test(value) ? `${label} "${value}"` : null;
    },
  };
}

function sourceRule(
  id: string,
  findingClass: FindingClass,
  category: FindingCategory,
  sourceKinds: readonly SourceKind[],
  reason: string,
): ClassificationRule {
  return {
    id,
    findingClass,
    category,
    reason,
    match: (input) => (sourceKinds.includes(input.sourceKind) ? `source kind ${input.sourceKind}` : null),
  };
}

/**
 * The classifier's rules, strongest evidence first; the first rule that matches decides.
 *
 * 1. CWE rules. Design rules come before pattern rules, so a design CWE anywhere in a finding's list
 *    wins over a pattern CWE. Tools often add a generic pattern CWE (20, 74, 200) beside the specific
 *    one, and SARIF tags carry no order; calling a design flaw "pattern" would hide exactly the escapes
 *    context-aware practice is meant to stop, so the design reading is the safer one. Within each
 *    class, specific weaknesses come before generic ones, so the category names the specific one.
 * 2. Rule-id and tool hints, for findings that carry no CWE the table knows.
 * 3. The source kind: what kind of activity found it says what kind of flaw it can see.
 */
export const CLASSIFICATION_RULES: readonly ClassificationRule[] = [
  cweRule('cwe:authorization', 'design', 'authorization', [862, 863, 285, 639, 284],
    '{match} is an authorization flaw: design-level, a scanner cannot know who may call what'),
  cweRule('cwe:authentication', 'design', 'authentication', [306, 287],
    '{match} is an authentication flaw: design-level, which functions need which proof of identity is a design decision'),
  cweRule('cwe:session', 'design', 'session', [384, 613],
    '{match} is a session-management flaw: design-level, when a session is renewed or ends follows from requirements a scanner does not see'),
  // 770 sits here, not beside 400: the missing quota or throttle is a product decision, while 400 is
  // the code-level symptom (a runaway regex or loop) a scanner recognises.
  cweRule('cwe:business-logic', 'design', 'business-logic', [840, 841, 837, 799, 770],
    '{match} is a business-logic flaw: design-level, only the intended workflow and limits say what is wrong'),
  cweRule('cwe:trust-boundary', 'design', 'trust-boundary', [501, 602, 807, 653],
    '{match} is a trust-boundary flaw: design-level, where trust ends is drawn in the threat model, not in the code'),
  cweRule('cwe:secure-design', 'design', 'other', [657, 656],
    '{match} violates a secure design principle: design-level by definition'),

  cweRule('cwe:injection', 'pattern', 'injection', [89, 78, 77, 94, 943, 611],
    '{match} is an injection flaw: pattern-level, untrusted input reaching an interpreter is a data flow scanners trace'),
  cweRule('cwe:unsafe-sink', 'pattern', 'injection', [22, 502, 918, 601],
    '{match} lets untrusted input steer a file path, deserializer, request or redirect: pattern-level, a source-to-sink flow scanners trace'),
  cweRule('cwe:xss', 'pattern', 'xss', [79],
    '{match} is cross-site scripting: pattern-level, unescaped output is a data flow scanners trace'),
  cweRule('cwe:csrf', 'pattern', 'session', [352],
    '{match} is a missing anti-forgery defence: pattern-level, a framework mechanism scanners check for'),
  cweRule('cwe:memory-safety', 'pattern', 'memory-safety', [119, 120, 125, 787, 416, 476],
    '{match} is a memory-safety flaw: pattern-level, analysers and fuzzers find it without knowing the design'),
  cweRule('cwe:secrets', 'pattern', 'secrets', [798, 259, 321],
    '{match} is a hard-coded secret: pattern-level, secret scanners find it by its shape'),
  cweRule('cwe:crypto', 'pattern', 'crypto', [327, 328, 330, 295],
    '{match} is a cryptographic misuse: pattern-level, weak algorithms and disabled checks are recognisable calls'),
  cweRule('cwe:supply-chain', 'pattern', 'supply-chain', [1104, 937, 1035],
    '{match} is a vulnerable or unmaintained component: pattern-level, dependency scanners match versions against advisories'),
  // 1021 (clickjacking) is one missing response header that DAST and policy checks test for, so it is
  // configuration, not design.
  cweRule('cwe:configuration', 'pattern', 'configuration', [16, 1021],
    '{match} is a misconfiguration: pattern-level, policy checks compare settings with a baseline'),
  cweRule('cwe:information-exposure', 'pattern', 'information-exposure', [532, 209, 200],
    '{match} is an information exposure: pattern-level, sensitive data reaching logs or responses is a flow scanners trace'),
  cweRule('cwe:resource-consumption', 'pattern', 'other', [400],
    '{match} is uncontrolled resource consumption: pattern-level, unbounded regexes and loops are recognisable code'),
  // The most generic CWEs come last, so any more specific CWE on the same finding names its category.
  cweRule('cwe:input-validation', 'pattern', 'injection', [74, 20],
    '{match} is a generic input-handling weakness: pattern-level, scanners report it where tainted input lacks a check'),

  hintRule('hint:authorization', 'design', 'authorization', 'ruleId',
    /idor|missing[-_.]?authori[sz]ation|broken[-_.]?access|access[-_.]?control/i,
    '{match} names an authorization flaw: design-level, a scanner cannot know who may call what'),
  hintRule('hint:secrets', 'pattern', 'secrets', 'ruleId',
    /hard-?coded|secret|password|credential|api[-_.]?key|private[-_.]?key|access[-_.]?token/i,
    '{match} names a hard-coded secret: pattern-level, secret scanners find it by its shape'),
  hintRule('hint:secret-scanner', 'pattern', 'secrets', 'tool', /gitleaks|trufflehog|detect-secrets/i,
    '{match} is a secret scanner: it reports hard-coded secrets, a pattern-level flaw'),
  hintRule('hint:advisory', 'pattern', 'supply-chain', 'ruleId', /^(cve-\d{4}-\d+|ghsa-|snyk-)/i,
    '{match} is a published advisory: a vulnerable component, pattern-level'),
  hintRule('hint:xss', 'pattern', 'xss', 'ruleId', /xss|cross-site-scripting/i,
    '{match} names cross-site scripting: pattern-level, a data flow scanners trace'),
  hintRule('hint:injection', 'pattern', 'injection', 'ruleId',
    /injection|sqli|xxe|ssrf|path-traversal|deseriali[sz]/i,
    '{match} names an injection flaw: pattern-level, a data flow scanners trace'),
  hintRule('hint:crypto', 'pattern', 'crypto', 'ruleId',
    /weak-crypto|insecure-random|weak-hash|md5|sha1|certificate-validation/i,
    '{match} names a cryptographic misuse: pattern-level, a recognisable call'),
  hintRule('hint:iac-scanner', 'pattern', 'configuration', 'tool', /checkov|tfsec|kics|terrascan/i,
    '{match} is an infrastructure-as-code scanner: it reports misconfigurations, a pattern-level flaw'),

  // Only activities that reason about intent see design flaws without a CWE saying so; code review
  // and DAST see both kinds, so they decide nothing on their own.
  sourceRule('source:design-activity', 'design', 'other', ['threat_model_review', 'pentest'],
    'found by a manual design-level activity ({match}), and no CWE or rule id says otherwise'),
  sourceRule('source:secrets', 'pattern', 'secrets', ['secrets'],
    'reported by a secret scanner ({match}): scanners find pattern-level flaws'),
  sourceRule('source:sca', 'pattern', 'supply-chain', ['sca'],
    'reported by a dependency scanner ({match}): scanners find pattern-level flaws'),
  sourceRule('source:iac', 'pattern', 'configuration', ['iac'],
    'reported by an infrastructure-as-code scanner ({match}): scanners find pattern-level flaws'),
  sourceRule('source:sast', 'pattern', 'other', ['sast'],
    'reported by a static analyser ({match}): scanners find pattern-level flaws'),
];
