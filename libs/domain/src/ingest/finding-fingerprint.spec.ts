import { computeFindingFingerprint } from './finding-fingerprint';

describe(computeFindingFingerprint.name, () => {
  const sut = computeFindingFingerprint;
  const base = { tool: 'Manual Review', ruleId: null, repo: 'github.com/acme/shop', path: 'src/refund.ts', title: 'Refund skips the owner check', cweIds: [639, 285] };

  it('keeps the value stored findings were given, so a finding sent again is recognised', () => {
    // Reference value: SHA-256 (node:crypto) of the canonical form, as fingerprints have always been computed.
    expect(sut(base)).toBe('esc1:9ac7ac15f6d5c5ca9e267b9cae56830c4276a86e97333d090ba0f082727a0710');
  });

  it('ignores tool case, title case and spacing, and CWE order', () => {
    expect(sut({ ...base, tool: 'manual review', title: '  refund SKIPS the\nowner check ', cweIds: [285, 639] })).toBe(sut(base));
  });

  it('ignores the title when there is a rule id, since people reword titles', () => {
    expect(sut({ ...base, ruleId: 'AUTHZ-1', title: 'one' })).toBe(sut({ ...base, ruleId: 'AUTHZ-1', title: 'two' }));
  });
});
