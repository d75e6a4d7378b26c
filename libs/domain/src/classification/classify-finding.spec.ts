import { classifyFinding, NO_CLASSIFICATION_RULE } from './classify-finding';

describe(classifyFinding.name, () => {
  const sut = classifyFinding;

  describe('by CWE', () => {
    it('explains a verdict with the CWE, how the catalogue relates it to the rule, and why', () => {
      expect(sut({ cweIds: [862], sourceKind: 'pentest' })).toEqual({
        findingClass: 'design',
        category: 'authorization',
        layer: 'iam',
        rule: 'cwe:authorization',
        reason:
          'CWE-862 (Missing Authorization): design-level — who may do what to which record is a decision of the design; a scanner cannot know the policy',
      });
      expect(sut({ cweIds: [89], sourceKind: 'sast' }).reason).toMatch(
        /^CWE-89 \(.*SQL Injection.*\) descends from CWE-74 \(.*\('Injection'\)\): pattern-level — /,
      );
      expect(sut({ cweIds: [841], sourceKind: 'bug_bounty' }).reason).toMatch(
        /^CWE-841 \(Improper Enforcement of Behavioral Workflow\) is a member of CWE-840 \(Business Logic Errors\): design-level — /,
      );
    });

    it('lets a design CWE anywhere in the list win over pattern ones, and says which it outranked', () => {
      for (const cweIds of [[20, 639], [639, 20]]) {
        const result = sut({ cweIds, sourceKind: 'sast' });
        expect([result.findingClass, result.rule]).toEqual(['design', 'cwe:authorization']);
        expect(result.reason).toContain('it outranks the pattern-level CWE-20 (Improper Input Validation) also listed');
      }
    });

    it("lets the most specific CWE name the category, by MITRE's abstraction level and then the tool's order", () => {
      expect(sut({ cweIds: [20, 79], sourceKind: 'sast' })).toMatchObject({ category: 'xss', rule: 'cwe:xss' });
      expect(sut({ cweIds: [94, 95, 79, 116], sourceKind: 'sast' })).toMatchObject({ category: 'injection', reason: expect.stringMatching(/^CWE-95 /) });
      expect(sut({ cweIds: [99, 22, 23, 36, 73], sourceKind: 'sast' })).toMatchObject({ category: 'file-handling', reason: expect.stringMatching(/^CWE-22 /) });
      expect(sut({ cweIds: [215, 489], sourceKind: 'sast' }).reason).toMatch(/^CWE-215 /);
    });

    it('ignores CWE ids the catalogue lacks or no rule covers, and says so when nothing else decides', () => {
      expect(sut({ cweIds: [99999, 327], sourceKind: 'other' }).rule).toBe('cwe:crypto');
      const result = sut({ cweIds: [99999, 444], sourceKind: 'other' });
      expect(result).toMatchObject({ findingClass: 'design', rule: 'cwe:owasp-insecure-design' });
      expect(sut({ cweIds: [346], sourceKind: 'sast' })).toMatchObject({
        rule: 'source:sast',
        reason: expect.stringContaining('(no rule decides on CWE-346)'),
      });
    });
  });

  describe('dependency advisories', () => {
    it('are supply chain whatever the upstream CWE, because the flaw is in a third-party component', () => {
      const result = sut({ cweIds: [862], ruleId: 'GHSA-xxxx-yyyy-zzzz', tool: 'dependabot', sourceKind: 'sca' });
      expect(result).toMatchObject({ findingClass: 'pattern', category: 'supply-chain', layer: 'supply_chain', rule: 'dependency:advisory' });
      expect(result.reason).toContain("(the advisory's CWE-862 describes the upstream flaw)");
    });

    it('are recognised by the advisory id even when the source kind is not SCA', () => {
      expect(sut({ cweIds: [1321], ruleId: 'BDSA-2019-1003 (CVE-2019-10744)', tool: 'Example-Application', sourceKind: 'sast' }).rule).toBe(
        'dependency:advisory',
      );
    });
  });

  describe('without a deciding CWE', () => {
    it('uses the tool rule-id table, quoting what matched', () => {
      expect(sut({ cweIds: [], ruleId: 'generic-api-key', tool: 'gitleaks', sourceKind: 'other' }).reason).toBe(
        'tool "gitleaks": pattern-level — secret scanners report hard-coded secrets, found by their shape',
      );
      expect(sut({ cweIds: [], ruleId: 'security/detect-unsafe-regex', tool: 'ESLint', sourceKind: 'sast' }).reason).toContain(
        'rule id "security/detect-unsafe-regex"',
      );
    });

    it('then the source kind', () => {
      expect(sut({ cweIds: [], sourceKind: 'threat_model_review' })).toMatchObject({
        findingClass: 'design',
        layer: null,
        rule: 'source:design-activity',
        reason: 'source kind threat_model_review: design-level — threat-model reviews and manual pentests reason about what the system is meant to do',
      });
    });

    it('else leaves it unclassified with rule "none" for a person to decide', () => {
      expect(sut({ cweIds: [], ruleId: null, tool: null, sourceKind: 'incident' })).toEqual({
        findingClass: 'unclassified',
        category: 'other',
        layer: null,
        rule: NO_CLASSIFICATION_RULE,
        reason: 'no CWE, rule id or source kind decides its class; a person should classify it',
      });
    });
  });
});
