import type { DetectionStage } from '../model/detection-stage';
import type { Severity, SourceKind } from '../model/finding';
import type { DemoFileKind, DemoLanguage } from './demo-services';

/** The level the demo means a weakness to have; the classifier, not this, decides a finding's class. */
export type DemoLevel = 'design' | 'pattern' | 'unclassified';

/** How a CI tool reports a weakness. `{codeql}` and `{semgrep}` stand for the service's language prefix. */
export interface DemoScannerRule {
  sourceKind: SourceKind;
  tool: string;
  ruleId: string | null;
  /** Languages the rule exists for; all when absent. */
  languages?: readonly DemoLanguage[];
}

export interface DemoWeakness {
  level: DemoLevel;
  cweIds: readonly number[];
  /** Relative frequency within its level. */
  weight: number;
  severity: Severity;
  file: DemoFileKind;
  languages?: readonly DemoLanguage[];
  /** `{noun}` / `{Noun}` stand for one of the service's nouns, `{service}` for its name. */
  titles: readonly string[];
  /** CI tools that can report it; without any it cannot be caught in CI. */
  scanners?: readonly DemoScannerRule[];
  /** The ZAP alert id when DAST can see it from outside. */
  dastRule?: string;
  /** Stages where it is never found (nobody threat-models a dependency's CVE). */
  notAt?: readonly DetectionStage[];
}

const codeql = (ruleId: string, languages?: readonly DemoLanguage[]): DemoScannerRule => ({
  sourceKind: 'sast', tool: 'codeql', ruleId: `{codeql}/${ruleId}`, ...(languages ? { languages } : {}),
});
const semgrep = (ruleId: string, languages?: readonly DemoLanguage[]): DemoScannerRule => ({
  sourceKind: 'sast', tool: 'semgrep', ruleId: `{semgrep}.lang.security.audit.${ruleId}`, ...(languages ? { languages } : {}),
});
const nativeCodeql = (ruleId: string): DemoScannerRule => ({ sourceKind: 'sast', tool: 'codeql', ruleId: `cpp/${ruleId}` });
const gitleaks = (ruleId: string): DemoScannerRule => ({ sourceKind: 'secrets', tool: 'gitleaks', ruleId });
const advisory = (snykId: string, cve: string): DemoScannerRule[] => [
  { sourceKind: 'sca', tool: 'snyk', ruleId: snykId },
  { sourceKind: 'sca', tool: 'trivy', ruleId: cve },
];
const misconfiguration = (checkovId: string, trivyId: string): DemoScannerRule[] => [
  { sourceKind: 'iac', tool: 'checkov', ruleId: checkovId },
  { sourceKind: 'iac', tool: 'trivy', ruleId: trivyId },
];

const WEB_BACKENDS: readonly DemoLanguage[] = ['typescript', 'java', 'kotlin', 'go', 'python'];
const NO_DESIGN_STAGE: readonly DetectionStage[] = ['design'];
const CONFIG_ONLY: readonly DetectionStage[] = ['design', 'code_review', 'pre_release', 'production'];

/**
 * Design-level weaknesses: mostly invisible to scanners, so before context-aware practice they are
 * found late, by pentests, bug bounty hunters and incidents.
 */
const DESIGN: readonly DemoWeakness[] = [
  { level: 'design', cweIds: [639], weight: 3, severity: 'high', file: 'code',
    titles: ["Another customer's {noun} can be read by changing its id in the URL", '{Noun} lookup returns records of other tenants for a guessed id'] },
  { level: 'design', cweIds: [862], weight: 3, severity: 'high', file: 'code',
    titles: ['{Noun} endpoint does not check that the caller may act on the {noun}', 'Admin {noun} export reachable without the admin role'],
    scanners: [{ sourceKind: 'sast', tool: 'semgrep', ruleId: 'acme.authz.missing-permission-check', languages: ['typescript', 'java'] }] },
  { level: 'design', cweIds: [863], weight: 2, severity: 'high', file: 'code',
    titles: ['Support role can approve {noun} changes above its limit', 'Organisation admin can grant itself owner rights through a {noun} update'] },
  { level: 'design', cweIds: [285], weight: 1, severity: 'high', file: 'code',
    titles: ['{Noun} access decided by a role claim the client sends'] },
  { level: 'design', cweIds: [284], weight: 1, severity: 'medium', file: 'kubernetes',
    titles: ['Internal {service} admin interface reachable from the internet'] },
  { level: 'design', cweIds: [306], weight: 1.5, severity: 'high', file: 'code',
    titles: ['{Noun} webhook accepts unauthenticated callbacks', '{Noun} callback endpoint does not authenticate the sender'] },
  { level: 'design', cweIds: [287], weight: 1, severity: 'critical', file: 'code',
    titles: ['Second factor skipped by calling the token endpoint directly'] },
  { level: 'design', cweIds: [384], weight: 0.6, severity: 'medium', file: 'code',
    titles: ['Session id not rotated after login before {noun} access'] },
  { level: 'design', cweIds: [613], weight: 1, severity: 'medium', file: 'code',
    titles: ['Refresh tokens for {noun} access never expire', 'Sessions survive a password change'] },
  { level: 'design', cweIds: [840], weight: 1.5, severity: 'high', file: 'code',
    titles: ['{Noun} limits bypassed by splitting one request into many', 'Negative quantity accepted when updating a {noun}'] },
  { level: 'design', cweIds: [841], weight: 1.2, severity: 'high', file: 'code',
    titles: ['{Noun} change takes effect before the required approval step', 'Verification skipped by jumping straight to {noun} activation'] },
  { level: 'design', cweIds: [837], weight: 0.8, severity: 'high', file: 'code',
    titles: ['Concurrent requests apply the same {noun} change twice'] },
  { level: 'design', cweIds: [799], weight: 0.8, severity: 'medium', file: 'code',
    titles: ['No limit on one-time-code attempts for {noun} verification'] },
  { level: 'design', cweIds: [770], weight: 1, severity: 'medium', file: 'code',
    titles: ['{Noun} export accepts unbounded date ranges', 'No quota on {noun} creation per account'],
    scanners: [codeql('missing-rate-limiting', ['typescript'])] },
  { level: 'design', cweIds: [501], weight: 1, severity: 'high', file: 'code',
    titles: ['Partner-supplied {noun} status trusted as internal data'] },
  { level: 'design', cweIds: [602], weight: 1.2, severity: 'high', file: 'code',
    titles: ['{Noun} limit enforced only in the client', 'Premium {noun} entitlement checked only in the client'] },
  { level: 'design', cweIds: [807], weight: 0.8, severity: 'high', file: 'code',
    titles: ['Fraud check skipped when an X-Internal header is present on {noun} requests'] },
  { level: 'design', cweIds: [653], weight: 0.6, severity: 'medium', file: 'terraform',
    titles: ['Batch jobs share the production database role with {service}'] },
  { level: 'design', cweIds: [657], weight: 0.5, severity: 'medium', file: 'terraform',
    titles: ['One service account shared by every {service} pipeline'] },
  { level: 'design', cweIds: [656], weight: 0.4, severity: 'low', file: 'code',
    titles: ['{Noun} admin panel protected only by an unlisted URL'] },
];

/** Pattern-level weaknesses: the shapes scanners are built to recognise. */
const PATTERN: readonly DemoWeakness[] = [
  { level: 'pattern', cweIds: [89], weight: 3, severity: 'high', file: 'code',
    titles: ['SQL injection in {noun} search query', 'SQL built by string concatenation in {noun} report'],
    scanners: [codeql('sql-injection'), semgrep('formatted-sql-string')], dastRule: '40018' },
  { level: 'pattern', cweIds: [943], weight: 0.8, severity: 'high', file: 'code', languages: ['typescript', 'python'],
    titles: ['NoSQL query built from the request body in {noun} lookup'],
    scanners: [semgrep('nosql-injection')] },
  { level: 'pattern', cweIds: [78], weight: 1, severity: 'critical', file: 'code', languages: WEB_BACKENDS,
    titles: ['OS command built from user input in {noun} export'],
    scanners: [codeql('command-line-injection')] },
  { level: 'pattern', cweIds: [94], weight: 0.5, severity: 'critical', file: 'code', languages: ['typescript', 'python', 'java'],
    titles: ['User input evaluated as code when rendering {noun} templates'],
    scanners: [codeql('code-injection')] },
  { level: 'pattern', cweIds: [79], weight: 3, severity: 'medium', file: 'web',
    titles: ['Reflected XSS in {noun} search page', 'Stored XSS through {noun} display name'],
    scanners: [codeql('xss'), semgrep('unescaped-template-output')], dastRule: '40012' },
  { level: 'pattern', cweIds: [352], weight: 1, severity: 'medium', file: 'web',
    titles: ['State-changing {noun} form has no CSRF token'],
    scanners: [codeql('missing-token-validation')], dastRule: '10202' },
  { level: 'pattern', cweIds: [1021], weight: 0.6, severity: 'low', file: 'web',
    titles: ['{Noun} page can be framed by other sites'], dastRule: '10020' },
  { level: 'pattern', cweIds: [22], weight: 1.5, severity: 'high', file: 'code',
    titles: ['Path traversal in {noun} file download'],
    scanners: [codeql('path-injection'), semgrep('path-traversal-open')] },
  { level: 'pattern', cweIds: [502], weight: 1, severity: 'critical', file: 'code', languages: ['java', 'kotlin', 'python', 'typescript'],
    titles: ['Untrusted {noun} payload deserialized without type restrictions'],
    scanners: [codeql('unsafe-deserialization')] },
  { level: 'pattern', cweIds: [611], weight: 0.6, severity: 'high', file: 'code', languages: ['java', 'kotlin', 'python'],
    titles: ['XML parser resolves external entities in {noun} import'],
    scanners: [codeql('xxe')] },
  { level: 'pattern', cweIds: [918], weight: 1.2, severity: 'high', file: 'code', languages: WEB_BACKENDS,
    titles: ['Server fetches a user-supplied URL in {noun} webhook preview'],
    scanners: [codeql('request-forgery')] },
  { level: 'pattern', cweIds: [601], weight: 0.8, severity: 'medium', file: 'code', languages: WEB_BACKENDS,
    titles: ['Open redirect through the return_to parameter of the {noun} page'],
    scanners: [codeql('url-redirection')], dastRule: '10028' },
  { level: 'pattern', cweIds: [798], weight: 1, severity: 'high', file: 'config', notAt: NO_DESIGN_STAGE,
    titles: ['Live Stripe API key committed to {service} configuration'], scanners: [gitleaks('stripe-access-token')] },
  { level: 'pattern', cweIds: [798], weight: 1.2, severity: 'high', file: 'config', notAt: NO_DESIGN_STAGE,
    titles: ['AWS access key committed to the repository'], scanners: [gitleaks('aws-access-token')] },
  { level: 'pattern', cweIds: [798], weight: 1.5, severity: 'medium', file: 'config', notAt: NO_DESIGN_STAGE,
    titles: ['Third-party API key committed to {service} configuration'], scanners: [gitleaks('generic-api-key')] },
  { level: 'pattern', cweIds: [321], weight: 0.5, severity: 'high', file: 'config', notAt: NO_DESIGN_STAGE,
    titles: ['Private signing key committed to the repository'], scanners: [gitleaks('private-key')] },
  { level: 'pattern', cweIds: [259], weight: 0.8, severity: 'high', file: 'config', notAt: NO_DESIGN_STAGE,
    titles: ['Database password hard-coded in {service} configuration'],
    scanners: [gitleaks('generic-api-key'), { sourceKind: 'sast', tool: 'semgrep', ruleId: 'generic.secrets.security.detected-generic-secret' }] },
  { level: 'pattern', cweIds: [328], weight: 0.8, severity: 'medium', file: 'code',
    titles: ['MD5 used to hash {noun} tokens'], scanners: [codeql('weak-sensitive-data-hashing')] },
  { level: 'pattern', cweIds: [330], weight: 0.8, severity: 'medium', file: 'code',
    titles: ['Predictable random values used to generate {noun} tokens'], scanners: [codeql('insecure-randomness')] },
  { level: 'pattern', cweIds: [295], weight: 0.7, severity: 'high', file: 'code',
    titles: ['TLS certificate validation disabled in the {noun} client'],
    scanners: [codeql('disabling-certificate-validation'), semgrep('insecure-tls-skip-verify')] },
  { level: 'pattern', cweIds: [327], weight: 0.6, severity: 'medium', file: 'code',
    titles: ['{Noun} data encrypted with a broken cipher mode'], scanners: [codeql('weak-cryptographic-algorithm')] },
  { level: 'pattern', cweIds: [532], weight: 1.2, severity: 'medium', file: 'code',
    titles: ['Access token written to application logs by the {noun} handler'], scanners: [codeql('clear-text-logging')] },
  { level: 'pattern', cweIds: [209], weight: 1, severity: 'low', file: 'code', languages: WEB_BACKENDS,
    titles: ['Stack trace returned in {noun} error responses'], scanners: [codeql('stack-trace-exposure')], dastRule: '90022' },
  { level: 'pattern', cweIds: [200], weight: 0.8, severity: 'medium', file: 'code',
    titles: ['{Noun} response includes internal fields such as password hashes'] },
  { level: 'pattern', cweIds: [400], weight: 0.8, severity: 'medium', file: 'code',
    titles: ['Regular expression in {noun} validation vulnerable to ReDoS'], scanners: [codeql('polynomial-redos')] },
  { level: 'pattern', cweIds: [20], weight: 0.6, severity: 'low', file: 'code',
    titles: ['{Noun} fields accepted without range validation'] },
  { level: 'pattern', cweIds: [787], weight: 0.6, severity: 'high', file: 'native', notAt: NO_DESIGN_STAGE,
    titles: ['Out-of-bounds write in the thumbnail decoder'], scanners: [nativeCodeql('overrunning-write')] },
  { level: 'pattern', cweIds: [125], weight: 0.6, severity: 'high', file: 'native', notAt: NO_DESIGN_STAGE,
    titles: ['Out-of-bounds read when parsing image headers'], scanners: [nativeCodeql('overflow-buffer')] },
  { level: 'pattern', cweIds: [120], weight: 0.4, severity: 'high', file: 'native', notAt: NO_DESIGN_STAGE,
    titles: ['Image metadata copied without checking its size'], scanners: [nativeCodeql('unbounded-write')] },
  { level: 'pattern', cweIds: [416], weight: 0.4, severity: 'critical', file: 'native', notAt: NO_DESIGN_STAGE,
    titles: ['Use after free in image cache eviction'], scanners: [nativeCodeql('use-after-free')] },
  { level: 'pattern', cweIds: [476], weight: 0.5, severity: 'medium', file: 'native', notAt: NO_DESIGN_STAGE,
    titles: ['NULL pointer dereference on truncated image data'], scanners: [nativeCodeql('inconsistent-null-check')] },
  { level: 'pattern', cweIds: [1035], weight: 1.2, severity: 'critical', file: 'manifest', languages: ['java', 'kotlin'], notAt: NO_DESIGN_STAGE,
    titles: ['log4j-core 2.14.1 allows remote code execution (CVE-2021-44228)'],
    scanners: advisory('SNYK-JAVA-ORGAPACHELOGGINGLOG4J-2314720', 'CVE-2021-44228') },
  { level: 'pattern', cweIds: [937], weight: 0.8, severity: 'high', file: 'manifest', languages: ['java', 'kotlin'], notAt: NO_DESIGN_STAGE,
    titles: ['jackson-databind 2.9.8 allows polymorphic deserialization gadgets (CVE-2019-12384)'],
    scanners: advisory('SNYK-JAVA-COMFASTERXMLJACKSONCORE-450207', 'CVE-2019-12384') },
  { level: 'pattern', cweIds: [1035], weight: 1.2, severity: 'high', file: 'manifest', languages: ['typescript'], notAt: NO_DESIGN_STAGE,
    titles: ['lodash 4.17.15 prototype pollution (CVE-2020-8203)'],
    scanners: advisory('SNYK-JS-LODASH-567746', 'CVE-2020-8203') },
  { level: 'pattern', cweIds: [1035], weight: 0.8, severity: 'medium', file: 'manifest', languages: ['typescript'], notAt: NO_DESIGN_STAGE,
    titles: ['jsonwebtoken 8.5.1 accepts insecure key types (CVE-2022-23540)'],
    scanners: advisory('SNYK-JS-JSONWEBTOKEN-3180024', 'CVE-2022-23540') },
  { level: 'pattern', cweIds: [1035], weight: 1, severity: 'high', file: 'manifest', languages: ['go'], notAt: NO_DESIGN_STAGE,
    titles: ['golang.org/x/net allows HTTP/2 rapid reset (CVE-2023-44487)'],
    scanners: advisory('SNYK-GOLANG-GOLANGORGXNETHTTP2-5953327', 'CVE-2023-44487') },
  { level: 'pattern', cweIds: [1035], weight: 1, severity: 'critical', file: 'manifest', languages: ['python'], notAt: NO_DESIGN_STAGE,
    titles: ['PyYAML 5.3.1 runs arbitrary code in full_load (CVE-2020-14343)'],
    scanners: advisory('SNYK-PYTHON-PYYAML-590151', 'CVE-2020-14343') },
  { level: 'pattern', cweIds: [1035], weight: 0.8, severity: 'medium', file: 'manifest', languages: ['python'], notAt: NO_DESIGN_STAGE,
    titles: ['requests 2.25.1 leaks the Proxy-Authorization header (CVE-2023-32681)'],
    scanners: advisory('SNYK-PYTHON-REQUESTS-5595532', 'CVE-2023-32681') },
  { level: 'pattern', cweIds: [1104], weight: 0.5, severity: 'low', file: 'manifest', notAt: NO_DESIGN_STAGE,
    titles: ['{service} depends on a library without a release in four years'] },
  { level: 'pattern', cweIds: [16], weight: 1.2, severity: 'high', file: 'terraform',
    titles: ['Storage bucket for {noun} data allows public read'], scanners: misconfiguration('CKV_AWS_20', 'AVD-AWS-0086') },
  { level: 'pattern', cweIds: [16], weight: 0.8, severity: 'medium', file: 'terraform',
    titles: ['Database for {service} not encrypted at rest'], scanners: misconfiguration('CKV_AWS_16', 'AVD-AWS-0080') },
  { level: 'pattern', cweIds: [16], weight: 1.2, severity: 'medium', file: 'kubernetes',
    titles: ['{service} container runs as root'], scanners: misconfiguration('CKV_K8S_23', 'KSV012') },
  { level: 'pattern', cweIds: [16], weight: 0.8, severity: 'medium', file: 'kubernetes',
    titles: ['{service} pod allows privilege escalation'], scanners: misconfiguration('CKV_K8S_20', 'KSV001') },
  { level: 'pattern', cweIds: [16], weight: 0.6, severity: 'high', file: 'terraform',
    titles: ['Security group allows SSH from 0.0.0.0/0'], scanners: misconfiguration('CKV_AWS_24', 'AVD-AWS-0107') },
];

/** A few findings no rule can classify, so the dashboard's "unclassified" path has data. */
const UNCLASSIFIED: readonly DemoWeakness[] = [
  { level: 'unclassified', cweIds: [], weight: 1, severity: 'low', file: 'config', notAt: CONFIG_ONLY,
    titles: ['{service} service account key older than 90 days', 'Unreviewed firewall change for {service}'],
    scanners: [{ sourceKind: 'other', tool: 'cloud posture review', ruleId: null }] },
];

export const DEMO_WEAKNESSES: readonly DemoWeakness[] = [...DESIGN, ...PATTERN, ...UNCLASSIFIED];
