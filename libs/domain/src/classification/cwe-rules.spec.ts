import { CLASSIFICATION_RULES } from './classification-rules';
import { cweEntry } from './cwe-catalogue';
import catalogueFile from './cwe-catalogue.json';
import { CWE_CATEGORY_IDS } from './cwe-category-ids';
import { CWE_RULES } from './cwe-rules';
import { cweVerdict } from './match-cwe-rules';

describe('CWE_CATEGORY_IDS', () => {
  const { owasp2021, comprehensive } = CWE_CATEGORY_IDS;

  it.each([
    [CWE_CATEGORY_IDS.businessLogicErrors, 'Business Logic Errors'],
    [owasp2021.a01BrokenAccessControl, 'OWASP Top Ten 2021 Category A01:2021 - Broken Access Control'],
    [owasp2021.a02CryptographicFailures, 'OWASP Top Ten 2021 Category A02:2021 - Cryptographic Failures'],
    [owasp2021.a03Injection, 'OWASP Top Ten 2021 Category A03:2021 - Injection'],
    [owasp2021.a04InsecureDesign, 'OWASP Top Ten 2021 Category A04:2021 - Insecure Design'],
    [owasp2021.a05SecurityMisconfiguration, 'OWASP Top Ten 2021 Category A05:2021 - Security Misconfiguration'],
    [owasp2021.a06VulnerableAndOutdatedComponents, 'OWASP Top Ten 2021 Category A06:2021 - Vulnerable and Outdated Components'],
    [owasp2021.a07IdentificationAndAuthenticationFailures, 'OWASP Top Ten 2021 Category A07:2021 - Identification and Authentication Failures'],
    [owasp2021.a08SoftwareAndDataIntegrityFailures, 'OWASP Top Ten 2021 Category A08:2021 - Software and Data Integrity Failures'],
    [owasp2021.a09SecurityLoggingAndMonitoringFailures, 'OWASP Top Ten 2021 Category A09:2021 - Security Logging and Monitoring Failures'],
    [owasp2021.a10ServerSideRequestForgery, 'OWASP Top Ten 2021 Category A10:2021 - Server-Side Request Forgery (SSRF)'],
    [comprehensive.accessControl, 'Comprehensive Categorization: Access Control'],
    [comprehensive.comparison, 'Comprehensive Categorization: Comparison'],
    [comprehensive.componentInteraction, 'Comprehensive Categorization: Component Interaction'],
    [comprehensive.memorySafety, 'Comprehensive Categorization: Memory Safety'],
    [comprehensive.concurrency, 'Comprehensive Categorization: Concurrency'],
    [comprehensive.encryption, 'Comprehensive Categorization: Encryption'],
    [comprehensive.exposedResource, 'Comprehensive Categorization: Exposed Resource'],
    [comprehensive.fileHandling, 'Comprehensive Categorization: File Handling'],
    [comprehensive.exceptionalConditions, 'Comprehensive Categorization: Improper Check or Handling of Exceptional Conditions'],
    [comprehensive.inputValidation, 'Comprehensive Categorization: Improper Input Validation'],
    [comprehensive.improperNeutralization, 'Comprehensive Categorization: Improper Neutralization'],
    [comprehensive.incorrectCalculation, 'Comprehensive Categorization: Incorrect Calculation'],
    [comprehensive.injection, 'Comprehensive Categorization: Injection'],
    [comprehensive.controlFlowManagement, 'Comprehensive Categorization: Insufficient Control Flow Management'],
    [comprehensive.dataAuthenticity, 'Comprehensive Categorization: Insufficient Verification of Data Authenticity'],
    [comprehensive.poorCodingPractices, 'Comprehensive Categorization: Poor Coding Practices'],
    [comprehensive.protectionMechanismFailure, 'Comprehensive Categorization: Protection Mechanism Failure'],
    [comprehensive.randomness, 'Comprehensive Categorization: Randomness'],
    [comprehensive.resourceControl, 'Comprehensive Categorization: Resource Control'],
    [comprehensive.resourceLifecycleManagement, 'Comprehensive Categorization: Resource Lifecycle Management'],
    [comprehensive.sensitiveInformationExposure, 'Comprehensive Categorization: Sensitive Information Exposure'],
    [comprehensive.secureDesignPrinciples, 'Comprehensive Categorization: Violation of Secure Design Principles'],
  ])('CWE-%i is the category "%s"', (id, name) => {
    expect(cweEntry(id)).toMatchObject({ kind: 'category', name });
  });

  it('names every category of CWE-1400 and of the OWASP 2021 view', () => {
    const named = (prefix: string) => catalogueFile.categories.filter((category) => category.n.startsWith(prefix)).map((category) => category.i);
    expect(Object.values(comprehensive).sort()).toEqual(named('Comprehensive Categorization:').sort());
    expect(Object.values(owasp2021).sort()).toEqual(named('OWASP Top Ten 2021 Category').sort());
  });
});

describe('CWE_RULES', () => {
  it('refers only to entries the catalogue holds, and to categories where it asks for membership', () => {
    for (const rule of CWE_RULES) {
      for (const id of [...(rule.cwes.ids ?? []), ...(rule.cwes.under ?? [])]) expect({ rule: rule.id, id, known: !!cweEntry(id) }).toEqual({ rule: rule.id, id, known: true });
      for (const id of rule.cwes.memberOf ?? []) expect({ rule: rule.id, id, kind: cweEntry(id)?.kind }).toEqual({ rule: rule.id, id, kind: 'category' });
    }
  });

  it('never relies on CWE-1008 Architectural Concepts, whose categories mix injection with design flaws', () => {
    const architectural = catalogueFile.categories.filter((category) => category.v?.includes(1008)).map((category) => category.i);
    expect(architectural).toContain(1019);
    for (const rule of CWE_RULES) expect((rule.cwes.memberOf ?? []).filter((id) => architectural.includes(id))).toEqual([]);
  });

  it('has no rule that earlier rules shadow completely', () => {
    const decided = new Set(catalogueFile.weaknesses.map((weakness) => cweVerdict(weakness.i)?.rule.id));
    for (const rule of CWE_RULES) expect({ rule: rule.id, decides: decided.has(rule.id) }).toEqual({ rule: rule.id, decides: true });
  });

  it('decides most current weaknesses, leaving only the mixed categories to other evidence', () => {
    const current = catalogueFile.weaknesses.filter((weakness) => !('d' in weakness));
    const undecided = current.filter((weakness) => cweVerdict(weakness.i) === null);
    expect(undecided.length / current.length).toBeLessThan(0.06);
  });
});

describe('CLASSIFICATION_RULES', () => {
  it('gives every rule a unique id and a reason to quote', () => {
    const ids = CLASSIFICATION_RULES.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of CLASSIFICATION_RULES) expect(rule.why.length).toBeGreaterThan(20);
  });
});
