import { EMPTY_RULE_DRAFT, matchSummary, parseCwe, reclassifiedMessage, ruleRequest, validateRule } from './rule-form';

describe(parseCwe.name, () => {
  it('reads the ways people write a CWE', () => {
    expect(parseCwe('639')).toBe(639);
    expect(parseCwe('CWE-639')).toBe(639);
    expect(parseCwe(' cwe 79 ')).toBe(79);
    expect(parseCwe('six')).toBeNull();
  });
});

describe(validateRule.name, () => {
  it('needs at least one match condition', () => {
    expect(validateRule(EMPTY_RULE_DRAFT)).toEqual({ ruleId: 'Match on at least one of rule id, tool or CWE.' });
    expect(validateRule({ ...EMPTY_RULE_DRAFT, tool: 'semgrep' })).toEqual({});
  });

  it('checks the CWE', () => {
    expect(validateRule({ ...EMPTY_RULE_DRAFT, cweId: 'CWE-0' }).cweId).toMatch(/CWE number/);
    expect(validateRule({ ...EMPTY_RULE_DRAFT, cweId: 'x' }).cweId).toMatch(/CWE number/);
  });
});

describe(ruleRequest.name, () => {
  it('sends only the conditions given', () => {
    expect(ruleRequest({ ...EMPTY_RULE_DRAFT, tool: ' semgrep ', cweId: 'CWE-639', reason: ' ' })).toEqual({
      match: { tool: 'semgrep', cweId: 639 },
      findingClass: 'design',
    });
    expect(ruleRequest({ ...EMPTY_RULE_DRAFT, ruleId: 'acme.authz.*', findingClass: 'pattern', category: 'injection', reason: 'why' })).toEqual({
      match: { ruleId: 'acme.authz.*' },
      findingClass: 'pattern',
      category: 'injection',
      reason: 'why',
    });
  });
});

describe(matchSummary.name, () => {
  it('joins the conditions', () => {
    expect(matchSummary({ ruleId: 'a.*', tool: 'semgrep', cweId: 639 })).toBe('tool semgrep and rule a.* and CWE-639');
  });
});

describe(reclassifiedMessage.name, () => {
  it('counts in words', () => {
    expect(reclassifiedMessage('added', 0)).toBe('Rule added: no finding changed class.');
    expect(reclassifiedMessage('deleted', 1)).toBe('Rule deleted: 1 finding changed class.');
    expect(reclassifiedMessage('added', 12)).toBe('Rule added: 12 findings changed class.');
  });
});
