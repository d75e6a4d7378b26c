import type { StrideCategory } from '../../model/pwnisms';

export interface ThreagileRiskCategory {
  title: string;
  stride: StrideCategory;
  /** The CWE weakness Threagile files the category under. */
  cwe: number;
}

/**
 * Threagile's built-in risk rules, by the id its risk ids start with (`sql-nosql-injection@…`), with
 * the STRIDE category and CWE id each rule declares. A model file names them only in `risk_tracking`
 * (and an analysed model in `generated_risks_by_category`); the titles and CWEs come from here.
 */
export const THREAGILE_RISK_CATEGORIES: Readonly<Record<string, ThreagileRiskCategory>> = {
  'accidental-secret-leak': { title: 'Accidental Secret Leak', stride: 'information_disclosure', cwe: 200 },
  'code-backdooring': { title: 'Code Backdooring', stride: 'tampering', cwe: 912 },
  'container-baseimage-backdooring': { title: 'Container Base Image Backdooring', stride: 'tampering', cwe: 912 },
  'container-platform-escape': { title: 'Container Platform Escape', stride: 'elevation_of_privilege', cwe: 1008 },
  'cross-site-request-forgery': { title: 'Cross-Site Request Forgery (CSRF)', stride: 'spoofing', cwe: 352 },
  'cross-site-scripting': { title: 'Cross-Site Scripting (XSS)', stride: 'tampering', cwe: 79 },
  'dos-risky-access-across-trust-boundary': { title: 'DoS-risky Access Across Trust-Boundary', stride: 'denial_of_service', cwe: 400 },
  'incomplete-model': { title: 'Incomplete Model', stride: 'information_disclosure', cwe: 1008 },
  'ldap-injection': { title: 'LDAP-Injection', stride: 'tampering', cwe: 90 },
  'missing-authentication': { title: 'Missing Authentication', stride: 'elevation_of_privilege', cwe: 306 },
  'missing-authentication-second-factor': { title: 'Missing Two-Factor Authentication (2FA)', stride: 'elevation_of_privilege', cwe: 308 },
  'missing-build-infrastructure': { title: 'Missing Build Infrastructure', stride: 'tampering', cwe: 1127 },
  'missing-cloud-hardening': { title: 'Missing Cloud Hardening', stride: 'tampering', cwe: 1008 },
  'missing-file-validation': { title: 'Missing File Validation', stride: 'spoofing', cwe: 434 },
  'missing-hardening': { title: 'Missing Hardening', stride: 'tampering', cwe: 16 },
  'missing-identity-propagation': { title: 'Missing Identity Propagation', stride: 'elevation_of_privilege', cwe: 284 },
  'missing-identity-provider-isolation': { title: 'Missing Identity Provider Isolation', stride: 'elevation_of_privilege', cwe: 1008 },
  'missing-identity-store': { title: 'Missing Identity Store', stride: 'spoofing', cwe: 287 },
  'missing-network-segmentation': { title: 'Missing Network Segmentation', stride: 'elevation_of_privilege', cwe: 1008 },
  'missing-vault': { title: 'Missing Vault (Secret Storage)', stride: 'information_disclosure', cwe: 522 },
  'missing-vault-isolation': { title: 'Missing Vault Isolation', stride: 'elevation_of_privilege', cwe: 1008 },
  'missing-waf': { title: 'Missing Web Application Firewall (WAF)', stride: 'tampering', cwe: 1008 },
  'mixed-targets-on-shared-runtime': { title: 'Mixed Targets on Shared Runtime', stride: 'elevation_of_privilege', cwe: 1008 },
  'path-traversal': { title: 'Path-Traversal', stride: 'information_disclosure', cwe: 22 },
  'push-instead-of-pull-deployment': { title: 'Push instead of Pull Deployment', stride: 'tampering', cwe: 1127 },
  'search-query-injection': { title: 'Search-Query Injection', stride: 'tampering', cwe: 74 },
  'server-side-request-forgery': { title: 'Server-Side Request Forgery (SSRF)', stride: 'information_disclosure', cwe: 918 },
  'service-registry-poisoning': { title: 'Service Registry Poisoning', stride: 'spoofing', cwe: 693 },
  'sql-nosql-injection': { title: 'SQL/NoSQL-Injection', stride: 'tampering', cwe: 89 },
  'unchecked-deployment': { title: 'Unchecked Deployment', stride: 'tampering', cwe: 1127 },
  'unencrypted-asset': { title: 'Unencrypted Technical Assets', stride: 'information_disclosure', cwe: 311 },
  'unencrypted-communication': { title: 'Unencrypted Communication', stride: 'information_disclosure', cwe: 319 },
  'unguarded-access-from-internet': { title: 'Unguarded Access From Internet', stride: 'elevation_of_privilege', cwe: 501 },
  'unguarded-direct-datastore-access': { title: 'Unguarded Direct Datastore Access', stride: 'elevation_of_privilege', cwe: 501 },
  'unnecessary-communication-link': { title: 'Unnecessary Communication Link', stride: 'elevation_of_privilege', cwe: 1008 },
  'unnecessary-data-asset': { title: 'Unnecessary Data Asset', stride: 'elevation_of_privilege', cwe: 1008 },
  'unnecessary-data-transfer': { title: 'Unnecessary Data Transfer', stride: 'elevation_of_privilege', cwe: 1008 },
  'unnecessary-technical-asset': { title: 'Unnecessary Technical Asset', stride: 'elevation_of_privilege', cwe: 1008 },
  'untrusted-deserialization': { title: 'Untrusted Deserialization', stride: 'tampering', cwe: 502 },
  'wrong-communication-link-content': { title: 'Wrong Communication Link Content', stride: 'information_disclosure', cwe: 1008 },
  'wrong-trust-boundary-content': { title: 'Wrong Trust Boundary Content', stride: 'elevation_of_privilege', cwe: 1008 },
  'xml-external-entity': { title: 'XML External Entity (XXE)', stride: 'information_disclosure', cwe: 611 },
};
