import { computeFindingFingerprint } from '../finding-fingerprint';
import { InputError, type InputProblem } from '../parsed-finding';
import { parseFindingsJson } from './parse-findings-json';

function problemsOf(body: unknown): InputProblem[] {
  try {
    parseFindingsJson(body);
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe(parseFindingsJson.name, () => {
  const sut = parseFindingsJson;
  const refund = {
    service: 'payments-api',
    sourceKind: 'bug_bounty',
    tool: 'HackerOne',
    ruleId: 'H1-1234',
    title: ' Refund skips the owner check ',
    severity: 'critical',
    cweIds: [639, 285, 639],
    location: { repo: 'github.com/acme/pay', path: 'src/refund.ts', line: 42 },
    fingerprint: 'h1:1234',
    stage: 'production',
    detectedAt: '2026-05-04T10:00:00+02:00',
    introducedAt: '2026-04-20',
    status: 'fixed',
    commit: '9fceb02',
  };

  it('reads the API body shape, as an array or as { findings }', () => {
    const expected = {
      tool: 'HackerOne',
      ruleId: 'H1-1234',
      title: 'Refund skips the owner check',
      severity: 'critical',
      cweIds: [285, 639],
      sourceKind: 'bug_bounty',
      location: { repo: 'github.com/acme/pay', path: 'src/refund.ts', line: 42 },
      fingerprint: 'h1:1234',
      suppressed: false,
      detectedAt: '2026-05-04T08:00:00.000Z',
      introducedAt: '2026-04-20T00:00:00.000Z',
      status: 'fixed',
      stage: 'production',
      service: 'payments-api',
    };
    expect(sut([refund])).toEqual([expected]);
    expect(sut({ $schema: 'x', findings: [refund] })).toEqual([expected]);
  });

  it('leaves service and source kind to the caller and computes a missing fingerprint as the API does', () => {
    const [finding] = sut([{ title: 'Weak session timeout', severity: 'medium', tool: 'review' }]);
    expect(finding).toMatchObject({ service: null, sourceKind: null, stage: null, location: { repo: null, path: null, line: null } });
    expect(finding.fingerprint).toBe(computeFindingFingerprint({ tool: 'review', ruleId: null, repo: null, path: null, title: 'Weak session timeout', cweIds: [] }));
  });

  it('reports each problem with its JSON pointer', () => {
    const body = {
      findings: [
        { ...refund, severity: 'High', cweIds: [79, 'CWE-89'], location: { path: 'a', line: -1, column: 3 }, owner: 'me' },
        { severity: 'low', title: '  ', introducedAt: '2026-05-02', detectedAt: '2026-05-01' },
        'nope',
      ],
    };
    expect(problemsOf(body)).toEqual([
      { pointer: '/findings/0/owner', message: 'is not a finding property' },
      { pointer: '/findings/0/severity', message: '"High" is not one of info, low, medium, high, critical' },
      { pointer: '/findings/0/cweIds/1', message: 'must be a CWE id (a whole number such as 639)' },
      { pointer: '/findings/0/location/column', message: 'is not a location property' },
      { pointer: '/findings/0/location/line', message: 'must be a whole number from 0 to 10000000' },
      { pointer: '/findings/1/title', message: 'is required and must not be blank' },
      { pointer: '/findings/1/introducedAt', message: 'is after detectedAt: a flaw cannot be found before it exists' },
      { pointer: '/findings/2', message: 'must be a finding object' },
    ]);
  });

  it('refuses bodies that hold no findings array', () => {
    expect(problemsOf({ items: [] })).toEqual([{ pointer: '/findings', message: 'expected an array of findings (or an object with a "findings" array)' }]);
    expect(problemsOf('x')).toEqual([{ pointer: '', message: 'expected an array of findings (or an object with a "findings" array)' }]);
  });
});
