import type { FindingRule } from './classification-rule';

/** Advisory ids: CVE, GitHub, Black Duck, Snyk, OSV-family and RustSec advisories. */
const ADVISORY_ID = /^(CVE-\d{4}-\d+|GHSA-|BDSA-|SNYK-|OSV-|PYSEC-|RUSTSEC-|GO-\d{4}-|GMS-)/i;

/**
 * Findings about a third-party component, decided before any CWE. A dependency scanner reports the
 * upstream bug's CWE (Black Duck tags a jQuery advisory with CWE-79, some advisories carry CWE-862),
 * but the team's flaw is using the vulnerable version: supply chain, found by matching versions, so
 * pattern-level whatever the CWE says. Otherwise a library's authorization bug would count as one of
 * the team's design escapes.
 */
export const DEPENDENCY_RULES: readonly FindingRule[] = [
  {
    id: 'dependency:advisory',
    findingClass: 'pattern',
    category: 'supply-chain',
    layer: 'supply_chain',
    ruleId: ADVISORY_ID,
    why: 'a published advisory against a third-party component, which dependency scanners match by version',
  },
  {
    id: 'dependency:scanner',
    findingClass: 'pattern',
    category: 'supply-chain',
    layer: 'supply_chain',
    sourceKinds: ['sca'],
    why: 'a dependency scanner reports vulnerable components, found by matching versions against advisories',
  },
];

/**
 * Well-known rule ids and tools, for findings whose CWEs decide nothing (most carry none: gitleaks,
 * ESLint, SpotBugs, ShellCheck, Checkov). First match wins, so specific names come before broad ones.
 */
export const TOOL_RULES: readonly FindingRule[] = [
  {
    id: 'tool:authorization',
    findingClass: 'design',
    category: 'authorization',
    layer: 'iam',
    ruleId:
      /idor|missing[-_.]?(authori[sz]ation|permission|access[-_.]?check)|broken[-_.]?access|access[-_.]?control|privilege[-_.]?escalation/i,
    why: 'the rule names an authorization flaw, and who may do what is a decision of the design',
  },
  {
    id: 'tool:business-logic',
    findingClass: 'design',
    category: 'business-logic',
    layer: 'product',
    ruleId: /business[-_.]?logic|missing[-_.]?rate[-_.]?limit/i,
    why: 'the rule names a business-logic flaw, which only the intended workflow and limits reveal',
  },
  {
    id: 'tool:secret-scanner',
    findingClass: 'pattern',
    category: 'secrets',
    layer: 'secrets',
    tool: /gitleaks|trufflehog|detect-secrets|ggshield|gitguardian|secretlint/i,
    why: 'secret scanners report hard-coded secrets, found by their shape',
  },
  {
    id: 'tool:secrets',
    findingClass: 'pattern',
    category: 'secrets',
    layer: 'secrets',
    ruleId: /secret|password|credential|api[-_.]?key|private[-_.]?key|access[-_.]?token|hard-?coded[-_.]?(key|token|jwt)|HARD_CODE_/i,
    why: 'the rule names a hard-coded secret, which scanners find by its shape',
  },
  {
    id: 'tool:xss',
    findingClass: 'pattern',
    category: 'xss',
    layer: 'product',
    ruleId: /xss|cross-site-scripting|no-unsanitized|react\/no-danger|detect-disable-mustache-escape/i,
    why: 'the rule names cross-site scripting, a data flow scanners trace',
  },
  {
    id: 'tool:file-handling',
    findingClass: 'pattern',
    category: 'file-handling',
    layer: 'product',
    ruleId: /path[-_.]?traversal|path[-_.]?injection|tainted[-_.]?path|zip[-_.]?slip|detect-non-literal-fs-filename/i,
    why: 'the rule names untrusted input steering a file path, a flow scanners trace',
  },
  {
    id: 'tool:injection',
    findingClass: 'pattern',
    category: 'injection',
    layer: 'product',
    ruleId: new RegExp(
      [
        'injection|sqli|sql[-_.]?(query|string)|tainted-sql|xxe|ssrf|deseriali[sz]',
        // ESLint core and eslint-plugin-security
        'no-eval|no-implied-eval|no-new-func|detect-eval-with-expression|detect-child-process|detect-non-literal-require|detect-object-injection',
      ].join('|'),
      'i',
    ),
    why: 'the rule names an injection flaw, a data flow scanners trace',
  },
  {
    id: 'tool:crypto',
    findingClass: 'pattern',
    category: 'crypto',
    layer: 'product',
    ruleId: new RegExp(
      [
        'weak[-_.]?(crypto|cipher|hash)|insecure[-_.]?random|md5|sha1|certificate[-_.]?validation|detect-pseudoRandomBytes',
        // FindSecBugs
        'PREDICTABLE_RANDOM|WEAK_MESSAGE_DIGEST|ECB_MODE|CIPHER_INTEGRITY',
      ].join('|'),
      'i',
    ),
    why: 'the rule names a cryptographic misuse, a recognisable call',
  },
  {
    id: 'tool:denial-of-service',
    findingClass: 'pattern',
    category: 'denial-of-service',
    layer: 'product',
    ruleId: /redos|detect-unsafe-regex|detect-non-literal-regexp|polynomial-redos|regex[-_.]?dos/i,
    why: 'the rule names a runaway regular expression, recognisable code',
  },
  {
    id: 'tool:configuration',
    findingClass: 'pattern',
    category: 'configuration',
    layer: 'workload',
    ruleId: /^(CKV2?_|AVD-|CIS-DI-|DS\d{3}|DL\d{4}|KSV\d+|KICS)/i,
    why: 'the rule is an infrastructure or container policy check, a comparison with a baseline',
  },
  {
    id: 'tool:iac-scanner',
    findingClass: 'pattern',
    category: 'configuration',
    layer: 'workload',
    tool: /checkov|tfsec|kics|terrascan|dockle|hadolint|kube-?linter|kubescape/i,
    why: 'infrastructure-as-code and container scanners report misconfigurations',
  },
  {
    id: 'tool:code-quality',
    findingClass: 'pattern',
    category: 'code-quality',
    layer: 'product',
    ruleId: new RegExp(
      [
        'unused[-_.]?(import|local|variable)|commented-out-code|unreachable|dead[-_.]?code|mixed-returns|empty-except',
        // SpotBugs bug-pattern families (naming, bad practice, exposed representation…) and ShellCheck
        '^(NM|SF|WMI|DM|EI|MS|DMI|RV|NP)_|^SC\\d{4}$',
      ].join('|'),
      'i',
    ),
    why: 'the rule is a coding-practice check that a linter or analyser applies on its own',
  },
];

/**
 * The last resort: what kind of activity found it says what kind of flaw it can see. Only activities
 * that reason about intent see design flaws without a CWE saying so; code review, DAST, bug bounty and
 * incidents see both kinds, so they decide nothing on their own.
 */
export const SOURCE_RULES: readonly FindingRule[] = [
  {
    id: 'source:design-activity',
    findingClass: 'design',
    category: 'other',
    layer: null,
    sourceKinds: ['threat_model_review', 'pentest'],
    why: 'threat-model reviews and manual pentests reason about what the system is meant to do',
  },
  {
    id: 'source:secrets',
    findingClass: 'pattern',
    category: 'secrets',
    layer: 'secrets',
    sourceKinds: ['secrets'],
    why: 'secret scanners find hard-coded secrets by their shape',
  },
  {
    id: 'source:iac',
    findingClass: 'pattern',
    category: 'configuration',
    layer: 'workload',
    sourceKinds: ['iac'],
    why: 'infrastructure-as-code scanners compare settings with a baseline',
  },
  {
    id: 'source:sast',
    findingClass: 'pattern',
    category: 'other',
    layer: 'product',
    sourceKinds: ['sast'],
    why: 'static analysers find code patterns, not gaps in intent',
  },
];
