import type { FindingClass, SourceKind } from '../model/finding';
import { classifyFinding } from './classify-finding';
import type { FindingCategory } from './finding-classification';

type Case = [tool: string | null, ruleId: string | null, cweIds: number[], sourceKind: SourceKind, findingClass: FindingClass, category: FindingCategory];

/**
 * Findings as real tools report them: rule ids and CWE tags from CodeQL, Semgrep, Snyk, SpotBugs with
 * FindSecBugs, Bandit, gosec, nodejsscan, ESLint, gitleaks, Trivy, Checkov, Dockle, ZAP, Black Duck,
 * and manual activities, with the class and category a security lead would give them.
 */
const cases: Case[] = [
  // CodeQL, JavaScript/TypeScript
  ['CodeQL', 'js/sql-injection', [89, 90, 943], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'js/code-injection', [94, 95, 79, 116], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'js/command-line-injection', [78, 88], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'js/reflected-xss', [79, 116], 'sast', 'pattern', 'xss'],
  ['CodeQL', 'js/stored-xss', [79, 116], 'sast', 'pattern', 'xss'],
  ['CodeQL', 'js/incomplete-sanitization', [20, 80, 116], 'sast', 'pattern', 'xss'],
  ['CodeQL', 'js/path-injection', [22, 23, 36, 73, 99], 'sast', 'pattern', 'file-handling'],
  ['CodeQL', 'js/zipslip', [22], 'sast', 'pattern', 'file-handling'],
  ['CodeQL', 'js/request-forgery', [918], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'js/server-side-unvalidated-url-redirection', [601], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'js/unsafe-deserialization', [502], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'js/xxe', [611, 827], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'js/log-injection', [117], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'js/insecure-randomness', [338], 'sast', 'pattern', 'crypto'],
  ['CodeQL', 'js/weak-cryptographic-algorithm', [327, 328], 'sast', 'pattern', 'crypto'],
  ['CodeQL', 'js/insufficient-password-hash', [916], 'sast', 'pattern', 'crypto'],
  ['CodeQL', 'js/disabling-certificate-validation', [295, 297], 'sast', 'pattern', 'crypto'],
  ['CodeQL', 'js/hardcoded-credentials', [259, 321, 798], 'sast', 'pattern', 'secrets'],
  ['CodeQL', 'js/clear-text-logging', [312, 359, 532], 'sast', 'pattern', 'information-exposure'],
  ['CodeQL', 'js/clear-text-storage-of-sensitive-data', [312, 315, 359], 'sast', 'pattern', 'information-exposure'],
  ['CodeQL', 'js/stack-trace-exposure', [209, 497], 'sast', 'pattern', 'information-exposure'],
  ['CodeQL', 'js/file-access-to-http', [200], 'sast', 'pattern', 'information-exposure'],
  ['CodeQL', 'js/missing-token-validation', [352], 'sast', 'pattern', 'session'],
  ['CodeQL', 'js/polynomial-redos', [1333, 730, 400], 'sast', 'pattern', 'denial-of-service'],
  ['CodeQL', 'js/regex-injection', [730, 400], 'sast', 'pattern', 'denial-of-service'],
  ['CodeQL', 'js/insecure-download', [829], 'sast', 'pattern', 'supply-chain'],
  ['CodeQL', 'js/functionality-from-untrusted-source', [830], 'sast', 'pattern', 'supply-chain'],
  ['CodeQL', 'js/prototype-polluting-assignment', [78, 79, 94, 400, 471, 915], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'js/missing-rate-limiting', [770, 307, 400], 'sast', 'design', 'business-logic'],
  ['CodeQL', 'js/user-controlled-bypass', [807, 290], 'sast', 'design', 'trust-boundary'],
  ['CodeQL', 'js/cors-misconfiguration-for-credentials', [346, 639, 942], 'sast', 'design', 'authorization'],
  // CodeQL, Python (the shared SARIF corpus's codeQL-output.sarif among them)
  ['CodeQL', 'py/sql-injection', [89], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'py/command-line-injection', [78, 88], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'py/reflective-xss', [79, 116], 'sast', 'pattern', 'xss'],
  ['CodeQL', 'py/jinja2/autoescape-false', [79], 'sast', 'pattern', 'xss'],
  ['CodeQL', 'py/path-injection', [22, 23, 36, 73, 99], 'sast', 'pattern', 'file-handling'],
  ['CodeQL', 'py/insecure-temporary-file', [377], 'sast', 'pattern', 'file-handling'],
  ['CodeQL', 'py/flask-debug', [215, 489], 'sast', 'pattern', 'information-exposure'],
  ['CodeQL', 'py/weak-sensitive-data-hashing', [327, 328, 916], 'sast', 'pattern', 'crypto'],
  ['CodeQL', 'py/request-without-cert-validation', [295], 'sast', 'pattern', 'crypto'],
  ['CodeQL', 'py/bind-socket-all-network-interfaces', [200], 'sast', 'pattern', 'information-exposure'],
  ['CodeQL', 'py/unsafe-deserialization', [502], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'py/ldap-injection', [90], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'py/xpath-injection', [643], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'py/full-ssrf', [918], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'py/url-redirection', [601], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'py/csrf-protection-disabled', [352], 'sast', 'pattern', 'session'],
  ['CodeQL', 'py/overly-permissive-file', [732], 'sast', 'pattern', 'configuration'],
  ['CodeQL', 'py/insecure-cookie', [614, 1004, 1275], 'sast', 'pattern', 'configuration'],
  ['CodeQL', 'py/polynomial-redos', [1333, 730, 400], 'sast', 'pattern', 'denial-of-service'],
  ['CodeQL', 'py/pam-authorization-bypass', [285], 'sast', 'design', 'authorization'],
  ['CodeQL', 'py/empty-except', [390], 'sast', 'pattern', 'code-quality'],
  ['CodeQL', 'py/call/wrong-named-argument', [628], 'sast', 'pattern', 'code-quality'],
  ['CodeQL', 'py/call/wrong-arguments', [685], 'sast', 'pattern', 'code-quality'],
  ['CodeQL', 'py/unreachable-statement', [561], 'sast', 'pattern', 'code-quality'],
  ['CodeQL', 'py/unused-local-variable', [563], 'sast', 'pattern', 'code-quality'],
  ['CodeQL', 'py/unused-import', [], 'sast', 'pattern', 'code-quality'],
  ['CodeQL', 'py/import-own-module', [], 'sast', 'pattern', 'other'],
  // CodeQL, Java, C/C++, Go, C#
  ['CodeQL', 'java/sql-injection', [89, 564], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'java/ognl-injection', [917], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'java/jndi-injection', [74], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'java/xxe', [611, 776, 827], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'java/tainted-permissions-check', [807, 290], 'sast', 'design', 'trust-boundary'],
  ['CodeQL', 'java/spring-disabled-csrf-protection', [352], 'sast', 'pattern', 'session'],
  ['CodeQL', 'java/unsafe-hostname-verification', [297], 'sast', 'pattern', 'crypto'],
  ['CodeQL', 'java/missing-jwt-signature-check', [347], 'sast', 'pattern', 'crypto'],
  ['CodeQL', 'java/predictable-seed', [335, 337], 'sast', 'pattern', 'crypto'],
  ['CodeQL', 'java/maven/non-https-url', [300, 319, 494, 829], 'sast', 'pattern', 'crypto'],
  ['CodeQL', 'java/sensitive-log', [532], 'sast', 'pattern', 'information-exposure'],
  ['CodeQL', 'java/uncontrolled-arithmetic', [190, 191], 'sast', 'pattern', 'code-quality'],
  ['CodeQL', 'cpp/overflow-buffer', [119, 121, 122, 126], 'sast', 'pattern', 'memory-safety'],
  ['CodeQL', 'cpp/use-after-free', [416], 'sast', 'pattern', 'memory-safety'],
  ['CodeQL', 'cpp/double-free', [415], 'sast', 'pattern', 'memory-safety'],
  ['CodeQL', 'cpp/unbounded-write', [120, 787, 805], 'sast', 'pattern', 'memory-safety'],
  ['CodeQL', 'cpp/tainted-format-string', [134], 'sast', 'pattern', 'memory-safety'],
  ['CodeQL', 'cpp/inconsistent-null-check', [476], 'sast', 'pattern', 'memory-safety'],
  ['CodeQL', 'cpp/toctou-race-condition', [367], 'sast', 'pattern', 'concurrency'],
  ['CodeQL', 'cpp/cleartext-transmission', [319], 'sast', 'pattern', 'crypto'],
  ['CodeQL', 'go/reflected-xss', [79, 116], 'sast', 'pattern', 'xss'],
  ['CodeQL', 'go/unsafe-quoting', [78, 89, 94], 'sast', 'pattern', 'injection'],
  ['CodeQL', 'go/insecure-hostkeycallback', [322], 'sast', 'pattern', 'crypto'],
  ['CodeQL', 'go/incorrect-integer-conversion', [190, 681], 'sast', 'pattern', 'code-quality'],
  ['CodeQL', 'go/constant-oauth2-state', [352], 'sast', 'pattern', 'session'],
  ['CodeQL', 'go/email-injection', [640], 'sast', 'design', 'authentication'],
  ['CodeQL', 'cs/web/missing-function-level-access-control', [285], 'sast', 'design', 'authorization'],
  ['CodeQL', 'cs/web/insecure-direct-object-reference', [639], 'sast', 'design', 'authorization'],
  ['CodeQL', 'cs/web/cookie-httponly-not-set', [1004], 'sast', 'pattern', 'configuration'],
  // Semgrep
  ['semgrep', 'python.django.security.injection.sql.sql-injection-using-db-cursor-execute', [89], 'sast', 'pattern', 'injection'],
  ['semgrep', 'python.lang.security.audit.dangerous-subprocess-use', [78], 'sast', 'pattern', 'injection'],
  ['semgrep', 'python.lang.security.audit.formatted-sql-query', [], 'sast', 'pattern', 'injection'],
  ['semgrep', 'python.flask.security.audit.debug-enabled', [489], 'sast', 'pattern', 'configuration'],
  ['semgrep', 'java.lang.security.audit.crypto.use-of-md5', [328], 'sast', 'pattern', 'crypto'],
  ['semgrep', 'javascript.jsonwebtoken.security.jwt-hardcode.hardcoded-jwt-secret', [798], 'sast', 'pattern', 'secrets'],
  ['semgrep', 'javascript.express.security.audit.express-open-redirect', [601], 'sast', 'pattern', 'injection'],
  ['semgrep', 'javascript.lang.security.audit.detect-non-literal-regexp', [1333], 'sast', 'pattern', 'denial-of-service'],
  ['semgrep', 'generic.secrets.security.detected-aws-access-key-id-value', [798], 'secrets', 'pattern', 'secrets'],
  ['semgrep', 'yaml.kubernetes.security.privileged-container', [250], 'iac', 'design', 'authorization'],
  // Snyk Code and Snyk Open Source
  ['SnykCode', 'javascript/Sqli', [89], 'sast', 'pattern', 'injection'],
  ['SnykCode', 'javascript/PT', [23], 'sast', 'pattern', 'file-handling'],
  ['SnykCode', 'javascript/HardcodedNonCryptoSecret', [547], 'sast', 'pattern', 'secrets'],
  ['SnykCode', 'javascript/NoRateLimitingForExpensiveWebOperation', [770], 'sast', 'design', 'business-logic'],
  ['SnykCode', 'javascript/DisablePoweredBy', [200], 'sast', 'pattern', 'information-exposure'],
  ['SnykCode', 'javascript/PrototypePollution', [1321], 'sast', 'pattern', 'injection'],
  ['SnykCode', 'javascript/ReDoS', [400], 'sast', 'pattern', 'denial-of-service'],
  ['Snyk Open Source', 'SNYK-JS-LODASH-567746', [1321], 'sca', 'pattern', 'supply-chain'],
  // SpotBugs with FindSecBugs, and plain SpotBugs (the corpus's spotbugs.sarif, no CWE)
  ['SpotBugs', 'SQL_INJECTION_JDBC', [89], 'sast', 'pattern', 'injection'],
  ['SpotBugs', 'PATH_TRAVERSAL_IN', [22], 'sast', 'pattern', 'file-handling'],
  ['SpotBugs', 'HARD_CODE_PASSWORD', [259], 'sast', 'pattern', 'secrets'],
  ['SpotBugs', 'PREDICTABLE_RANDOM', [330], 'sast', 'pattern', 'crypto'],
  ['SpotBugs', 'CIPHER_INTEGRITY', [353], 'sast', 'pattern', 'crypto'],
  ['SpotBugs', 'COOKIE_USAGE', [315], 'sast', 'pattern', 'information-exposure'],
  ['SpotBugs', 'TRUST_BOUNDARY_VIOLATION', [501], 'sast', 'design', 'trust-boundary'],
  ['SpotBugs', 'SERVLET_PARAMETER', [20], 'sast', 'pattern', 'injection'],
  ['SpotBugs', 'CRLF_INJECTION_LOGS', [117], 'sast', 'pattern', 'injection'],
  ['SpotBugs', 'NM_METHOD_NAMING_CONVENTION', [], 'sast', 'pattern', 'code-quality'],
  ['SpotBugs', 'DMI_HARDCODED_ABSOLUTE_FILENAME', [], 'sast', 'pattern', 'code-quality'],
  ['SpotBugs', 'EI_EXPOSE_REP2', [], 'sast', 'pattern', 'code-quality'],
  // Bandit, gosec, nodejsscan (the corpus's njsscan.sarif), Brakeman
  ['bandit', 'B608', [89], 'sast', 'pattern', 'injection'],
  ['bandit', 'B105', [259], 'sast', 'pattern', 'secrets'],
  ['bandit', 'B501', [295], 'sast', 'pattern', 'crypto'],
  ['bandit', 'B108', [377], 'sast', 'pattern', 'file-handling'],
  ['bandit', 'B110', [703], 'sast', 'pattern', 'code-quality'],
  ['gosec', 'G101', [798], 'sast', 'pattern', 'secrets'],
  ['gosec', 'G304', [22], 'sast', 'pattern', 'file-handling'],
  ['gosec', 'G110', [409], 'sast', 'pattern', 'denial-of-service'],
  ['nodejsscan', 'node_insecure_random_generator', [327], 'sast', 'pattern', 'crypto'],
  ['nodejsscan', 'node_password', [798], 'sast', 'pattern', 'secrets'],
  ['brakeman', 'MassAssignment', [915], 'sast', 'pattern', 'injection'],
  // ESLint security plugins: rule ids, no CWE
  ['ESLint', 'security/detect-object-injection', [], 'sast', 'pattern', 'injection'],
  ['ESLint', 'security/detect-non-literal-fs-filename', [], 'sast', 'pattern', 'file-handling'],
  ['ESLint', 'security/detect-child-process', [], 'sast', 'pattern', 'injection'],
  ['ESLint', 'security/detect-unsafe-regex', [], 'sast', 'pattern', 'denial-of-service'],
  ['ESLint', 'security/detect-pseudoRandomBytes', [], 'sast', 'pattern', 'crypto'],
  ['ESLint', 'no-unsanitized/property', [], 'sast', 'pattern', 'xss'],
  ['ESLint', 'react/no-danger', [], 'sast', 'pattern', 'xss'],
  // Secret scanners (the corpus's gitleaks_7.5.0.sarif has no rule ids at all)
  ['gitleaks', 'aws-access-token', [], 'secrets', 'pattern', 'secrets'],
  ['Gitleaks', null, [], 'secrets', 'pattern', 'secrets'],
  ['trufflehog', 'PrivateKey', [], 'secrets', 'pattern', 'secrets'],
  ['trivy', 'aws-access-key-id', [], 'secrets', 'pattern', 'secrets'],
  // Dependency scanners, whatever the upstream CWE (the corpus's Black Duck file guesses `sast`)
  ['trivy', 'CVE-2021-44228', [20, 400, 502, 917], 'sca', 'pattern', 'supply-chain'],
  ['grype', 'GHSA-jfh8-c2jp-5v3q', [502], 'sca', 'pattern', 'supply-chain'],
  ['dependabot', 'GHSA-93q8-gq69-wqmw', [862], 'sca', 'pattern', 'supply-chain'],
  ['Example-Application', 'BDSA-2020-1001 (CVE-2020-11022)', [79], 'sast', 'pattern', 'supply-chain'],
  ['Example-Application', 'BDSA-2022-1004', [400], 'sast', 'pattern', 'supply-chain'],
  // Infrastructure and container checks (the corpus's dockle_0_3_15.sarif)
  ['checkov', 'CKV_AWS_20', [], 'iac', 'pattern', 'configuration'],
  ['checkov', 'CKV_K8S_16', [], 'iac', 'pattern', 'configuration'],
  ['trivy', 'AVD-AWS-0086', [], 'iac', 'pattern', 'configuration'],
  ['Dockle', 'CIS-DI-0010', [], 'iac', 'pattern', 'configuration'],
  ['hadolint', 'DL3008', [], 'iac', 'pattern', 'configuration'],
  // DAST (ZAP alert ids)
  ['zap', '40012', [79], 'dast', 'pattern', 'xss'],
  ['zap', '40018', [89], 'dast', 'pattern', 'injection'],
  ['zap', '10020', [1021], 'dast', 'pattern', 'configuration'],
  ['zap', '10038', [693], 'dast', 'pattern', 'configuration'],
  ['zap', '10035', [319], 'dast', 'pattern', 'crypto'],
  ['zap', '10054', [1275], 'dast', 'pattern', 'configuration'],
  ['zap', '10015', [525], 'dast', 'pattern', 'configuration'],
  ['zap', '10036', [200], 'dast', 'pattern', 'information-exposure'],
  ['zap', '10202', [352], 'dast', 'pattern', 'session'],
  ['zap', '10099', [], 'dast', 'unclassified', 'other'],
  // Pentests, bug bounty, incidents, reviews
  ['pentest vendor', null, [639], 'pentest', 'design', 'authorization'],
  ['pentest vendor', null, [269], 'pentest', 'design', 'authorization'],
  ['pentest vendor', null, [306], 'pentest', 'design', 'authentication'],
  ['pentest vendor', null, [841], 'pentest', 'design', 'business-logic'],
  ['pentest vendor', null, [602], 'pentest', 'design', 'trust-boundary'],
  ['pentest vendor', null, [918], 'pentest', 'pattern', 'injection'],
  ['pentest vendor', null, [], 'pentest', 'design', 'other'],
  ['bug bounty programme', null, [840], 'bug_bounty', 'design', 'business-logic'],
  ['bug bounty programme', null, [307], 'bug_bounty', 'design', 'authentication'],
  ['bug bounty programme', null, [613], 'bug_bounty', 'design', 'session'],
  ['bug bounty programme', null, [200, 639], 'bug_bounty', 'design', 'authorization'],
  ['bug bounty programme', null, [347], 'bug_bounty', 'pattern', 'crypto'],
  ['bug bounty programme', null, [], 'bug_bounty', 'unclassified', 'other'],
  ['incident', null, [778], 'incident', 'design', 'logging'],
  ['incident', null, [863], 'incident', 'design', 'authorization'],
  ['threat modelling workshop', null, [501], 'threat_model_review', 'design', 'trust-boundary'],
  ['threat modelling workshop', null, [656], 'threat_model_review', 'design', 'other'],
  ['threat modelling workshop', null, [653], 'threat_model_review', 'design', 'trust-boundary'],
  ['threat modelling workshop', null, [], 'threat_model_review', 'design', 'other'],
  ['manual review', null, [], 'code_review', 'unclassified', 'other'],
];

/** Every CWE id in the shared SARIF corpus (../shared/corpus/sarif), each of which must be decided by its CWE. */
const CORPUS_CWE_IDS = [22, 23, 36, 73, 78, 79, 89, 99, 116, 215, 327, 390, 400, 489, 561, 563, 628, 685, 798, 1321, 1333];

describe(`${classifyFinding.name} on real findings`, () => {
  const sut = classifyFinding;

  it('has a table of at least a hundred cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  it.each(cases)('%s %s %j (%s) is %s / %s', (tool, ruleId, cweIds, sourceKind, findingClass, category) => {
    const result = sut({ cweIds, ruleId, tool, sourceKind });
    expect({ findingClass: result.findingClass, category: result.category }).toEqual({ findingClass, category });
    expect(result.reason.length).toBeGreaterThan(30);
  });

  it.each(CORPUS_CWE_IDS)('decides corpus CWE-%i by its CWE, with a reason naming it', (cweId) => {
    for (const sourceKind of ['sast', 'dast', 'code_review', 'other'] as const) {
      const result = sut({ cweIds: [cweId], sourceKind });
      expect(result.findingClass).not.toBe('unclassified');
      expect(result.rule).toMatch(/^cwe:/);
      expect(result.reason).toMatch(new RegExp(`^CWE-${cweId} \\(`));
    }
  });
});
