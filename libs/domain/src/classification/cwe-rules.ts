import type { CweRule } from './classification-rule';
import { CWE_CATEGORY_IDS } from './cwe-category-ids';

const { businessLogicErrors, owasp2021: owasp, comprehensive: cc } = CWE_CATEGORY_IDS;

/**
 * What each CWE says about a finding, decided per CWE by the first rule that covers it, so the order
 * runs from the most specific evidence to the broadest:
 *
 * 1. Pattern-level families that MITRE files under design-level parents come first. A hard-coded
 *    password descends from CWE-287 (Improper Authentication) and CWE-657 (Violation of Secure Design
 *    Principles), a cookie without HttpOnly from CWE-285 (Improper Authorization), and path traversal
 *    is in OWASP 2021 A01 Broken Access Control; each is still a recognisable piece of code.
 * 2. Design-level families: authorization, authentication, session, business logic, trust boundaries,
 *    secure-design principles, security logging.
 * 3. Broad design mappings: OWASP Top Ten 2021 A04 Insecure Design and A01 Broken Access Control, and
 *    CWE-1400's Access Control category, for what no family above claimed.
 * 4. Broad pattern mappings: CWE-1400's code-level categories (injection, neutralization, input
 *    validation, exposure, concurrency, poor coding practices…) and OWASP A03. CWE-1400's Encryption
 *    category needs no rule of its own: the crypto and cleartext rules claim its members, bar CWE-311
 *    (Missing Encryption of Sensitive Data), which OWASP rightly files under Insecure Design.
 *
 * CWE-1008 (Architectural Concepts) is deliberately not used: its categories mix design flaws with
 * injection ("Validate Inputs" holds SQL injection), so membership there decides nothing.
 * Categories that mix both kinds with no way to tell them apart (CWE-1400's Component Interaction,
 * Data Authenticity, Protection Mechanism Failure, Resource Control) are left to the other evidence.
 */
export const CWE_RULES: readonly CweRule[] = [
  // 1. Pattern-level families. Snyk Code reports hard-coded secrets as CWE-547 (Hard-coded,
  // Security-relevant Constants), hence its place here rather than under configuration.
  {
    id: 'cwe:secrets',
    findingClass: 'pattern',
    category: 'secrets',
    layer: 'secrets',
    cwes: { under: [798], ids: [547, 260, 13, 258, 555, 540, 1392, 1393, 1394] },
    why: 'a credential or key written into code or configuration, which secret scanners find by its shape',
  },
  {
    id: 'cwe:crypto',
    findingClass: 'pattern',
    category: 'crypto',
    layer: 'product',
    cwes: { under: [327, 326, 330, 295, 347, 325, 323, 324, 757, 1240], ids: [310, 261, 322], memberOf: [cc.randomness] },
    why: 'a weak algorithm, a predictable value or a skipped certificate check is a recognisable call that analysers flag',
  },
  {
    id: 'cwe:cleartext-storage',
    findingClass: 'pattern',
    category: 'information-exposure',
    layer: 'product',
    cwes: { under: [312] },
    why: 'sensitive data written out in the clear is a flow from a sensitive source to storage that scanners trace',
  },
  {
    id: 'cwe:file-handling',
    findingClass: 'pattern',
    category: 'file-handling',
    layer: 'product',
    cwes: { under: [22, 59], ids: [73, 377, 378, 379], memberOf: [cc.fileHandling] },
    why: 'untrusted input steering a file path, or a file opened unsafely, is a source-to-sink flow scanners trace',
  },
  // Cross-site scripting descends from CWE-74 (Injection); listed first, it names the finer category.
  {
    id: 'cwe:xss',
    findingClass: 'pattern',
    category: 'xss',
    layer: 'product',
    cwes: { under: [79], ids: [692] },
    why: 'unescaped output in a web page is a data flow scanners trace',
  },
  {
    id: 'cwe:deserialization',
    findingClass: 'pattern',
    category: 'injection',
    layer: 'product',
    cwes: { under: [502] },
    why: 'untrusted data reaching a deserializer is a source-to-sink flow scanners trace',
  },
  {
    id: 'cwe:object-injection',
    findingClass: 'pattern',
    category: 'injection',
    layer: 'product',
    cwes: { under: [915] },
    why: 'untrusted input choosing which object attributes or prototypes change (mass assignment, prototype pollution) is a flow scanners trace',
  },
  {
    id: 'cwe:untrusted-destination',
    findingClass: 'pattern',
    category: 'injection',
    layer: 'product',
    cwes: { under: [918, 601], ids: [1022] },
    why: 'untrusted input choosing where a request, redirect or link goes is a source-to-sink flow scanners trace',
  },
  {
    id: 'cwe:injection',
    findingClass: 'pattern',
    category: 'injection',
    layer: 'product',
    cwes: { under: [74, 116, 611, 98, 470], ids: [913, 827] },
    why: 'untrusted input reaching an interpreter without neutralisation is a data flow scanners trace',
  },
  {
    id: 'cwe:csrf',
    findingClass: 'pattern',
    category: 'session',
    layer: 'product',
    cwes: { ids: [352] },
    why: 'a missing anti-forgery token is a framework defence that scanners check for',
  },
  // Cookie flags, file permissions and exposed files sit under CWE-285 (Improper Authorization), and
  // OWASP A05 lists XXE: both are claimed above or here before any design rule sees them. CWE-693
  // (Protection Mechanism Failure) is taken by its id alone, not with its subtree: scanners such as
  // ZAP report a missing security header under it, while its children include design flaws.
  {
    id: 'cwe:configuration',
    findingClass: 'pattern',
    category: 'configuration',
    layer: 'workload',
    cwes: {
      ids: [16, 1021, 1275, 525, 489, 693, 11, 9, 556, 1327, 1269, 756, 7, 12],
      under: [732, 552],
      memberOf: [owasp.a05SecurityMisconfiguration],
    },
    why: 'a setting, header, flag or permission that policy checks compare with a baseline',
  },
  {
    id: 'cwe:cleartext-transmission',
    findingClass: 'pattern',
    category: 'crypto',
    layer: 'network',
    cwes: { under: [319], ids: [523, 300] },
    why: 'sensitive data sent without encryption is a recognisable plain-text channel that scanners flag',
  },
  {
    id: 'cwe:information-exposure',
    findingClass: 'pattern',
    category: 'information-exposure',
    layer: 'product',
    cwes: { ids: [200, 201], under: [209, 215, 532, 497, 538, 548, 651, 1295, 359, 531, 541, 615, 214, 1258] },
    why: 'sensitive data reaching logs, error messages or responses is a flow scanners trace',
  },
  {
    id: 'cwe:memory-safety',
    findingClass: 'pattern',
    category: 'memory-safety',
    layer: 'product',
    cwes: { under: [119, 416, 415], ids: [476], memberOf: [cc.memorySafety] },
    why: 'analysers and fuzzers find memory errors without knowing what the program is for',
  },
  {
    id: 'cwe:supply-chain',
    findingClass: 'pattern',
    category: 'supply-chain',
    layer: 'supply_chain',
    cwes: {
      ids: [1104, 937, 1035, 1395, 1357, 1329, 829, 830],
      under: [494, 506],
      memberOf: [owasp.a06VulnerableAndOutdatedComponents],
    },
    why: 'a vulnerable, untrusted or unverified component is what dependency scanners match against advisories',
  },

  // 2. Design-level families.
  {
    id: 'cwe:authorization',
    findingClass: 'design',
    category: 'authorization',
    layer: 'iam',
    cwes: { ids: [284, 285, 282, 283, 286, 708, 842, 1220, 441], under: [862, 863, 269] },
    why: 'who may do what to which record is a decision of the design; a scanner cannot know the policy',
  },
  {
    id: 'cwe:authentication',
    findingClass: 'design',
    category: 'authentication',
    layer: 'iam',
    cwes: { ids: [306], under: [287] },
    why: 'which functions need which proof of identity, and how strong, is a design decision a scanner cannot see',
  },
  {
    id: 'cwe:session',
    findingClass: 'design',
    category: 'session',
    layer: 'iam',
    cwes: { ids: [384, 613, 488] },
    why: 'when a session is created, renewed or ended follows from requirements a scanner does not see',
  },
  // CWE-770 descends from CWE-400 (Uncontrolled Resource Consumption), yet the missing quota or
  // throttle is a product decision; MITRE files it under Business Logic Errors, and so does this rule.
  {
    id: 'cwe:business-logic',
    findingClass: 'design',
    category: 'business-logic',
    layer: 'product',
    cwes: { ids: [businessLogicErrors], under: [799], memberOf: [businessLogicErrors] },
    why: 'only the intended workflow, limits and rules of the business say what is wrong',
  },
  {
    id: 'cwe:trust-boundary',
    findingClass: 'design',
    category: 'trust-boundary',
    layer: 'product',
    cwes: { under: [501, 602, 807], ids: [653, 642, 472] },
    why: 'where trust ends is drawn in the threat model, not in the code',
  },
  {
    id: 'cwe:secure-design',
    findingClass: 'design',
    category: 'other',
    layer: 'product',
    cwes: { ids: [657], memberOf: [cc.secureDesignPrinciples] },
    why: 'it breaks a secure-design principle (least privilege, complete mediation, failing safe), a property of the design',
  },
  {
    id: 'cwe:security-logging',
    findingClass: 'design',
    category: 'logging',
    layer: 'monitoring',
    cwes: { ids: [778, 223, 224], memberOf: [owasp.a09SecurityLoggingAndMonitoringFailures] },
    why: 'which security events must be recorded is a monitoring requirement; no scanner knows an entry is missing',
  },

  // 3. Broad design mappings.
  {
    id: 'cwe:owasp-insecure-design',
    findingClass: 'design',
    category: 'other',
    layer: 'product',
    cwes: { memberOf: [owasp.a04InsecureDesign] },
    why: 'OWASP files it under Insecure Design: the flaw is in what was designed, not in how it was typed',
  },
  {
    id: 'cwe:owasp-broken-access-control',
    findingClass: 'design',
    category: 'authorization',
    layer: 'iam',
    cwes: { memberOf: [owasp.a01BrokenAccessControl] },
    why: 'OWASP files it under Broken Access Control: who may reach what is decided by the design',
  },
  {
    id: 'cwe:access-control',
    findingClass: 'design',
    category: 'authorization',
    layer: 'iam',
    cwes: { memberOf: [cc.accessControl] },
    why: 'CWE-1400 files it under Access Control: who may reach what is decided by the design',
  },

  // 4. Broad pattern mappings.
  {
    id: 'cwe:cc-injection',
    findingClass: 'pattern',
    category: 'injection',
    layer: 'product',
    cwes: { memberOf: [cc.injection, cc.improperNeutralization, cc.inputValidation, owasp.a03Injection] },
    why: 'input that is not validated or neutralised before use is a data flow scanners trace',
  },
  {
    id: 'cwe:cc-information-exposure',
    findingClass: 'pattern',
    category: 'information-exposure',
    layer: 'product',
    cwes: { memberOf: [cc.sensitiveInformationExposure] },
    why: 'data observable by the wrong party through responses, timing or files is something scanners and tests detect',
  },
  // After cwe:business-logic, which has claimed CWE-770 from this subtree.
  {
    id: 'cwe:denial-of-service',
    findingClass: 'pattern',
    category: 'denial-of-service',
    layer: 'product',
    cwes: { under: [400, 674] },
    why: 'unbounded regexes, recursion and allocation are recognisable code that analysers flag',
  },
  {
    id: 'cwe:cc-concurrency',
    findingClass: 'pattern',
    category: 'concurrency',
    layer: 'product',
    cwes: { memberOf: [cc.concurrency] },
    why: 'races and locking errors are code-level faults that analysers find',
  },
  {
    id: 'cwe:cc-code-quality',
    findingClass: 'pattern',
    category: 'code-quality',
    layer: 'product',
    cwes: {
      memberOf: [
        cc.poorCodingPractices,
        cc.exceptionalConditions,
        cc.comparison,
        cc.incorrectCalculation,
        cc.controlFlowManagement,
        cc.resourceLifecycleManagement,
      ],
    },
    why: 'a coding fault (dead code, wrong calls, ignored errors, leaks) that linters and analysers find on their own',
  },
  {
    id: 'cwe:cc-exposed-resource',
    findingClass: 'pattern',
    category: 'other',
    layer: 'product',
    cwes: { memberOf: [cc.exposedResource] },
    why: 'a resource left reachable by code-level choices (public fields, search paths, temporary files) that analysers flag',
  },
];
