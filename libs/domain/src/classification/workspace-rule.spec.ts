import { classifyFinding } from './classify-finding';
import { ruleIdGlobProblem, ruleIdMatchesGlob, type WorkspaceRule, workspaceRuleEvidence } from './workspace-rule';

const authzRule: WorkspaceRule = {
  id: 'acme-authz',
  match: { ruleId: 'acme.authz.*', tool: 'semgrep' },
  findingClass: 'design',
  category: 'authorization',
  reason: 'our authz checks encode the permission model of the threat model',
};

describe(ruleIdMatchesGlob.name, () => {
  const sut = ruleIdMatchesGlob;

  it.each([
    ['js/sql-injection', 'js/sql-injection', true],
    ['js/sql-injection', 'js/sql', false],
    ['acme.authz.missing-permission-check', 'acme.authz.*', true],
    ['acme.authz', 'acme.authz.*', false],
    ['python.django.security.injection.sql', '*.injection.*', true],
    ['CKV_AWS_20', 'CKV_*_20', true],
    ['js/sql-injection', 'js/*+', false],
    ['JS/SQL-INJECTION', 'js/sql-injection', false],
  ])('%s against %s: %s', (ruleId, glob, expected) => {
    expect(sut(ruleId, glob)).toBe(expected);
  });

  it('answers a glob that would make a backtracking engine try every split of the id at once', () => {
    expect(sut('a'.repeat(60), `${'*a'.repeat(8)}*b`)).toBe(false);
    expect(sut(`${'a'.repeat(60)}b`, `${'*a'.repeat(8)}*b`)).toBe(true);
  });

  it('reads regular-expression characters and line breaks in the id literally', () => {
    expect(sut('a.b(c)\nd', 'a.b(*)*')).toBe(true);
    expect(sut('axb(c)', 'a.b(*)')).toBe(false);
    expect(sut('acme\nauthz', 'acme*authz')).toBe(true);
  });
});

describe(ruleIdGlobProblem.name, () => {
  const sut = ruleIdGlobProblem;

  it('bounds globs in length and wildcards, and leaves exact ids alone', () => {
    expect(sut('acme.authz.*')).toBeNull();
    expect(sut('x'.repeat(400))).toBeNull();
    expect(sut(`${'x'.repeat(300)}*`)).toBe('is a glob of 301 characters; a rule-id glob may have at most 256');
    expect(sut(`${'*a'.repeat(33)}`)).toBe('has 33 wildcards; a rule-id glob may have at most 32');
    expect(sut('*a*b', { maxLength: 256, maxWildcards: 1 })).toBe('has 2 wildcards; a rule-id glob may have at most 1');
  });
});

describe(workspaceRuleEvidence.name, () => {
  const sut = workspaceRuleEvidence;
  const finding = { cweIds: [862], ruleId: 'acme.authz.missing-permission-check', tool: 'Semgrep', sourceKind: 'sast' as const };

  it('needs every field given to match, comparing tool names case-insensitively', () => {
    expect(sut(authzRule, finding)).toBe('rule id "acme.authz.missing-permission-check" matches "acme.authz.*", tool "Semgrep"');
    expect(sut(authzRule, { ...finding, tool: 'codeql' })).toBeNull();
    expect(sut({ ...authzRule, match: { cweId: 862 } }, finding)).toBe('CWE-862');
    expect(sut({ ...authzRule, match: { cweId: 863 } }, finding)).toBeNull();
  });

  it('matches nothing when the rule gives no field, so an empty rule cannot take over every finding', () => {
    expect(sut({ ...authzRule, match: {} }, finding)).toBeNull();
  });
});

describe(`${classifyFinding.name} with workspace rules`, () => {
  const sut = classifyFinding;

  it('applies them before every built-in rule and cites the rule in the reason', () => {
    const result = sut({ cweIds: [], ruleId: 'acme.authz.tenant-filter', tool: 'semgrep', sourceKind: 'sast' }, { workspaceRules: [authzRule] });
    expect(result).toEqual({
      findingClass: 'design',
      category: 'authorization',
      layer: 'product',
      rule: 'workspace:acme-authz',
      reason:
        'workspace rule "acme-authz" (rule id "acme.authz.tenant-filter" matches "acme.authz.*", tool "semgrep"): design-level by the organisation\'s decision — our authz checks encode the permission model of the threat model',
    });
  });

  it('can overrule a CWE verdict, keeping the built-in category when it names none', () => {
    const rule: WorkspaceRule = { id: 'cors-is-config', match: { ruleId: 'js/cors-misconfiguration-for-credentials' }, findingClass: 'pattern' };
    const input = { cweIds: [346, 639, 942], ruleId: 'js/cors-misconfiguration-for-credentials', tool: 'CodeQL', sourceKind: 'sast' as const };
    expect(sut(input).findingClass).toBe('design');
    expect(sut(input, { workspaceRules: [rule] })).toMatchObject({
      findingClass: 'pattern',
      category: 'authorization',
      layer: 'iam',
      rule: 'workspace:cors-is-config',
      reason: 'workspace rule "cors-is-config" (rule id "js/cors-misconfiguration-for-credentials"): pattern-level by the organisation\'s decision',
    });
  });

  it('takes the first matching rule, in the order the workspace keeps them', () => {
    const byCwe: WorkspaceRule = { id: 'by-cwe', match: { cweId: 862 }, findingClass: 'unclassified' };
    const input = { cweIds: [862], ruleId: 'acme.authz.x', tool: 'semgrep', sourceKind: 'sast' as const };
    expect(sut(input, { workspaceRules: [byCwe, authzRule] })).toMatchObject({
      findingClass: 'unclassified',
      rule: 'workspace:by-cwe',
      reason: expect.stringContaining('left unclassified by the organisation'),
    });
    expect(sut(input, { workspaceRules: [authzRule, byCwe] }).rule).toBe('workspace:acme-authz');
  });

  it('falls back to the built-in rules when none matches', () => {
    expect(sut({ cweIds: [89], sourceKind: 'sast' }, { workspaceRules: [authzRule] }).rule).toBe('cwe:injection');
  });
});
