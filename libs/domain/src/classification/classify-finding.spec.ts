import type { FindingClass, SourceKind } from '../model/finding';
import { CLASSIFICATION_RULES } from './classification-rules';
import { classifyFinding } from './classify-finding';
import { CWE_NAMES } from './cwe-names';
import type { ClassificationInput, FindingCategory } from './finding-classification';

type Case = [
  description: string,
  input: Partial<ClassificationInput> & { sourceKind: SourceKind },
  findingClass: FindingClass,
  category: FindingCategory,
  rule: string,
];

const cases: Case[] = [
  ['missing authorization', { cweIds: [862], sourceKind: 'pentest' }, 'design', 'authorization', 'cwe:authorization'],
  ['incorrect authorization', { cweIds: [863], sourceKind: 'bug_bounty' }, 'design', 'authorization', 'cwe:authorization'],
  ['IDOR', { cweIds: [639], sourceKind: 'bug_bounty' }, 'design', 'authorization', 'cwe:authorization'],
  ['improper access control', { cweIds: [284], sourceKind: 'incident' }, 'design', 'authorization', 'cwe:authorization'],
  ['improper authorization', { cweIds: [285], sourceKind: 'code_review' }, 'design', 'authorization', 'cwe:authorization'],
  ['missing authentication', { cweIds: [306], sourceKind: 'pentest' }, 'design', 'authentication', 'cwe:authentication'],
  ['improper authentication', { cweIds: [287], sourceKind: 'code_review' }, 'design', 'authentication', 'cwe:authentication'],
  ['session fixation', { cweIds: [384], sourceKind: 'dast' }, 'design', 'session', 'cwe:session'],
  ['session expiration', { cweIds: [613], sourceKind: 'threat_model_review' }, 'design', 'session', 'cwe:session'],
  ['business logic error', { cweIds: [840], sourceKind: 'bug_bounty' }, 'design', 'business-logic', 'cwe:business-logic'],
  ['workflow enforcement', { cweIds: [841], sourceKind: 'pentest' }, 'design', 'business-logic', 'cwe:business-logic'],
  ['single unique action', { cweIds: [837], sourceKind: 'incident' }, 'design', 'business-logic', 'cwe:business-logic'],
  ['interaction frequency', { cweIds: [799], sourceKind: 'pentest' }, 'design', 'business-logic', 'cwe:business-logic'],
  ['missing rate limit, even from a SAST rule', { cweIds: [770], ruleId: 'js/missing-rate-limiting', tool: 'codeql', sourceKind: 'sast' }, 'design', 'business-logic', 'cwe:business-logic'],
  ['trust boundary violation', { cweIds: [501], sourceKind: 'threat_model_review' }, 'design', 'trust-boundary', 'cwe:trust-boundary'],
  ['client-side enforcement', { cweIds: [602], sourceKind: 'code_review' }, 'design', 'trust-boundary', 'cwe:trust-boundary'],
  ['untrusted input in a security decision', { cweIds: [807], sourceKind: 'pentest' }, 'design', 'trust-boundary', 'cwe:trust-boundary'],
  ['improper isolation', { cweIds: [653], sourceKind: 'threat_model_review' }, 'design', 'trust-boundary', 'cwe:trust-boundary'],
  ['secure design principle', { cweIds: [657], sourceKind: 'threat_model_review' }, 'design', 'other', 'cwe:secure-design'],
  ['security through obscurity', { cweIds: [656], sourceKind: 'pentest' }, 'design', 'other', 'cwe:secure-design'],
  ['SQL injection', { cweIds: [89], ruleId: 'js/sql-injection', tool: 'codeql', sourceKind: 'sast' }, 'pattern', 'injection', 'cwe:injection'],
  ['OS command injection', { cweIds: [78], sourceKind: 'sast' }, 'pattern', 'injection', 'cwe:injection'],
  ['command injection', { cweIds: [77], sourceKind: 'pentest' }, 'pattern', 'injection', 'cwe:injection'],
  ['code injection', { cweIds: [94], sourceKind: 'sast' }, 'pattern', 'injection', 'cwe:injection'],
  ['NoSQL injection', { cweIds: [943], sourceKind: 'dast' }, 'pattern', 'injection', 'cwe:injection'],
  ['XXE', { cweIds: [611], sourceKind: 'sast' }, 'pattern', 'injection', 'cwe:injection'],
  ['path traversal', { cweIds: [22], sourceKind: 'sast' }, 'pattern', 'injection', 'cwe:unsafe-sink'],
  ['unsafe deserialization', { cweIds: [502], sourceKind: 'sast' }, 'pattern', 'injection', 'cwe:unsafe-sink'],
  ['SSRF found by a pentest stays pattern', { cweIds: [918], sourceKind: 'pentest' }, 'pattern', 'injection', 'cwe:unsafe-sink'],
  ['open redirect', { cweIds: [601], sourceKind: 'dast' }, 'pattern', 'injection', 'cwe:unsafe-sink'],
  ['XSS', { cweIds: [79], sourceKind: 'dast' }, 'pattern', 'xss', 'cwe:xss'],
  ['CSRF', { cweIds: [352], sourceKind: 'dast' }, 'pattern', 'session', 'cwe:csrf'],
  ['buffer overflow', { cweIds: [120], sourceKind: 'sast' }, 'pattern', 'memory-safety', 'cwe:memory-safety'],
  ['buffer bounds', { cweIds: [119], sourceKind: 'sast' }, 'pattern', 'memory-safety', 'cwe:memory-safety'],
  ['out-of-bounds read', { cweIds: [125], sourceKind: 'sast' }, 'pattern', 'memory-safety', 'cwe:memory-safety'],
  ['out-of-bounds write', { cweIds: [787], sourceKind: 'incident' }, 'pattern', 'memory-safety', 'cwe:memory-safety'],
  ['use after free', { cweIds: [416], sourceKind: 'sast' }, 'pattern', 'memory-safety', 'cwe:memory-safety'],
  ['null dereference', { cweIds: [476], sourceKind: 'sast' }, 'pattern', 'memory-safety', 'cwe:memory-safety'],
  ['hard-coded credentials', { cweIds: [798], sourceKind: 'secrets' }, 'pattern', 'secrets', 'cwe:secrets'],
  ['hard-coded password', { cweIds: [259], sourceKind: 'code_review' }, 'pattern', 'secrets', 'cwe:secrets'],
  ['hard-coded key', { cweIds: [321], sourceKind: 'sast' }, 'pattern', 'secrets', 'cwe:secrets'],
  ['broken algorithm', { cweIds: [327], sourceKind: 'sast' }, 'pattern', 'crypto', 'cwe:crypto'],
  ['weak hash', { cweIds: [328], sourceKind: 'sast' }, 'pattern', 'crypto', 'cwe:crypto'],
  ['weak randomness', { cweIds: [330], sourceKind: 'sast' }, 'pattern', 'crypto', 'cwe:crypto'],
  ['certificate validation', { cweIds: [295], sourceKind: 'sast' }, 'pattern', 'crypto', 'cwe:crypto'],
  ['unmaintained component', { cweIds: [1104], sourceKind: 'sca' }, 'pattern', 'supply-chain', 'cwe:supply-chain'],
  ['OWASP 2013 A9', { cweIds: [937], sourceKind: 'sca' }, 'pattern', 'supply-chain', 'cwe:supply-chain'],
  ['OWASP 2017 A9', { cweIds: [1035], sourceKind: 'sca' }, 'pattern', 'supply-chain', 'cwe:supply-chain'],
  ['configuration', { cweIds: [16], sourceKind: 'iac' }, 'pattern', 'configuration', 'cwe:configuration'],
  ['clickjacking', { cweIds: [1021], sourceKind: 'dast' }, 'pattern', 'configuration', 'cwe:configuration'],
  ['secret in logs', { cweIds: [532], sourceKind: 'sast' }, 'pattern', 'information-exposure', 'cwe:information-exposure'],
  ['stack trace in error', { cweIds: [209], sourceKind: 'dast' }, 'pattern', 'information-exposure', 'cwe:information-exposure'],
  ['sensitive information exposure', { cweIds: [200], sourceKind: 'bug_bounty' }, 'pattern', 'information-exposure', 'cwe:information-exposure'],
  ['uncontrolled resource consumption', { cweIds: [400], sourceKind: 'sast' }, 'pattern', 'other', 'cwe:resource-consumption'],
  ['generic injection', { cweIds: [74], sourceKind: 'sast' }, 'pattern', 'injection', 'cwe:input-validation'],
  ['input validation', { cweIds: [20], sourceKind: 'dast' }, 'pattern', 'injection', 'cwe:input-validation'],

  ['design CWE after a pattern CWE still wins', { cweIds: [20, 639], sourceKind: 'sast' }, 'design', 'authorization', 'cwe:authorization'],
  ['design CWE before a pattern CWE wins', { cweIds: [862, 200], sourceKind: 'bug_bounty' }, 'design', 'authorization', 'cwe:authorization'],
  ['specific pattern CWE names the category over a generic one', { cweIds: [20, 79], sourceKind: 'sast' }, 'pattern', 'xss', 'cwe:xss'],
  ['an unknown CWE beside a known one is ignored', { cweIds: [99999, 327], sourceKind: 'other' }, 'pattern', 'crypto', 'cwe:crypto'],

  ['rule id names IDOR', { cweIds: [], ruleId: 'idor-invoice-endpoint', sourceKind: 'dast' }, 'design', 'authorization', 'hint:authorization'],
  ['gitleaks rule id', { cweIds: [], ruleId: 'generic-api-key', tool: 'gitleaks', sourceKind: 'other' }, 'pattern', 'secrets', 'hint:secrets'],
  ['hard-coded rule id outranks a design source', { cweIds: [], ruleId: 'hardcoded-jwt-secret', sourceKind: 'pentest' }, 'pattern', 'secrets', 'hint:secrets'],
  ['secret scanner tool without a telling rule id', { cweIds: [], ruleId: 'aws-12', tool: 'TruffleHog', sourceKind: 'other' }, 'pattern', 'secrets', 'hint:secret-scanner'],
  ['CVE rule id', { cweIds: [], ruleId: 'CVE-2021-44228', tool: 'trivy', sourceKind: 'other' }, 'pattern', 'supply-chain', 'hint:advisory'],
  ['Snyk advisory id', { cweIds: [], ruleId: 'SNYK-JS-LODASH-567746', sourceKind: 'code_review' }, 'pattern', 'supply-chain', 'hint:advisory'],
  ['XSS rule id', { cweIds: [], ruleId: 'js/reflected-xss', sourceKind: 'dast' }, 'pattern', 'xss', 'hint:xss'],
  ['injection rule id', { cweIds: [], ruleId: 'python.lang.security.audit.sqli.formatted-sql-query-injection', sourceKind: 'other' }, 'pattern', 'injection', 'hint:injection'],
  ['crypto rule id', { cweIds: [], ruleId: 'java/weak-crypto-md5', sourceKind: 'code_review' }, 'pattern', 'crypto', 'hint:crypto'],
  ['IaC scanner tool', { cweIds: [], ruleId: 'CKV_AWS_20', tool: 'checkov', sourceKind: 'other' }, 'pattern', 'configuration', 'hint:iac-scanner'],
  ['an unknown CWE falls through to the hints', { cweIds: [1336], ruleId: 'template-injection', sourceKind: 'sast' }, 'pattern', 'injection', 'hint:injection'],

  ['threat model review without CWE', { cweIds: [], sourceKind: 'threat_model_review' }, 'design', 'other', 'source:design-activity'],
  ['pentest without CWE', { cweIds: [], tool: 'pentest vendor', sourceKind: 'pentest' }, 'design', 'other', 'source:design-activity'],
  ['SAST without CWE', { cweIds: [], ruleId: 'go/unhandled-writable-file-close', tool: 'codeql', sourceKind: 'sast' }, 'pattern', 'other', 'source:sast'],
  ['secrets scanner without CWE or telling id', { cweIds: [], ruleId: 'rule-7', sourceKind: 'secrets' }, 'pattern', 'secrets', 'source:secrets'],
  ['SCA without CWE', { cweIds: [], ruleId: 'license-review', sourceKind: 'sca' }, 'pattern', 'supply-chain', 'source:sca'],
  ['IaC without CWE', { cweIds: [], ruleId: 'AVD-AWS-0086', tool: 'trivy', sourceKind: 'iac' }, 'pattern', 'configuration', 'source:iac'],

  ['code review alone decides nothing', { cweIds: [], tool: 'manual review', sourceKind: 'code_review' }, 'unclassified', 'other', 'none'],
  ['DAST alone decides nothing', { cweIds: [], ruleId: '10038', tool: 'zap', sourceKind: 'dast' }, 'unclassified', 'other', 'none'],
  ['bug bounty without CWE', { cweIds: [], sourceKind: 'bug_bounty' }, 'unclassified', 'other', 'none'],
  ['incident without CWE', { cweIds: [], ruleId: null, tool: null, sourceKind: 'incident' }, 'unclassified', 'other', 'none'],
  ['other source with an unknown CWE', { cweIds: [1336], sourceKind: 'other' }, 'unclassified', 'other', 'none'],
];

describe(classifyFinding.name, () => {
  const sut = classifyFinding;

  it.each(cases)('%s', (_description, input, findingClass, category, rule) => {
    const result = sut({ cweIds: [], ...input });
    expect({ findingClass: result.findingClass, category: result.category, rule: result.rule }).toEqual({
      findingClass,
      category,
      rule,
    });
  });

  it('explains a CWE verdict with the CWE id and name', () => {
    expect(sut({ cweIds: [862], sourceKind: 'pentest' }).reason).toBe(
      'CWE-862 (Missing Authorization) is an authorization flaw: design-level, a scanner cannot know who may call what',
    );
  });

  it('quotes the rule id or tool that a hint matched', () => {
    expect(sut({ cweIds: [], ruleId: 'generic-api-key', sourceKind: 'other' }).reason).toContain('rule id "generic-api-key"');
    expect(sut({ cweIds: [], tool: 'gitleaks', sourceKind: 'other' }).reason).toContain('tool "gitleaks"');
  });

  it('says a manual design-level activity found it when only the source decides', () => {
    expect(sut({ cweIds: [], sourceKind: 'threat_model_review' }).reason).toContain(
      'found by a manual design-level activity',
    );
  });

  it('uses the rules it is given instead of the built-in ones', () => {
    expect(sut({ cweIds: [862], sourceKind: 'pentest' }, []).findingClass).toBe('unclassified');
  });
});

describe('CLASSIFICATION_RULES', () => {
  const cweRules = CLASSIFICATION_RULES.filter((rule) => rule.id.startsWith('cwe:'));

  it('gives every rule a unique id and a reason that quotes its match', () => {
    const ids = CLASSIFICATION_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of CLASSIFICATION_RULES) expect(rule.reason).toContain('{match}');
  });

  it('covers every named CWE with exactly one CWE rule', () => {
    for (const cweId of Object.keys(CWE_NAMES).map(Number)) {
      const matching = cweRules.filter((rule) => rule.match({ cweIds: [cweId], sourceKind: 'other' }) !== null);
      expect({ cweId, rules: matching.map((rule) => rule.id) }).toEqual({ cweId, rules: [expect.any(String)] });
    }
  });

  it('lists every design CWE rule before the first pattern CWE rule', () => {
    const classes = cweRules.map((rule) => rule.findingClass);
    expect(classes.lastIndexOf('design')).toBeLessThan(classes.indexOf('pattern'));
  });
});
