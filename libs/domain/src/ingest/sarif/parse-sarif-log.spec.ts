import { InputError } from '../parsed-finding';
import { cweSourcesLog } from './fixtures/cwe-sources-log';
import { extensionRulesLog } from './fixtures/extension-rules-log';
import { fingerprintsLog } from './fixtures/fingerprints-log';
import { malformedLog } from './fixtures/malformed-log';
import { minimalLog } from './fixtures/minimal-log';
import { suppressionsLog } from './fixtures/suppressions-log';
import { uriBasesLog } from './fixtures/uri-bases-log';
import { parseSarifLog } from './parse-sarif-log';

function problemsOf(log: unknown) {
  try {
    parseSarifLog(log);
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe(parseSarifLog.name, () => {
  const sut = parseSarifLog;

  it('turns a result into a finding with tool, rule, one-line title, severity, place and run time', () => {
    const { findings, runs, results, skipped } = sut(minimalLog);
    expect({ runs, results, skipped }).toEqual({ runs: 1, results: 1, skipped: 0 });
    expect(findings).toEqual([
      {
        tool: 'Semgrep OSS',
        ruleId: 'js.sqli',
        title: 'Query built from `req.query.id`',
        severity: 'high',
        cweIds: [],
        sourceKind: null,
        location: { repo: null, path: 'src/orders.js', line: 42 },
        fingerprint: expect.stringMatching(/^sarif-computed:[0-9a-f]{64}$/),
        suppressed: false,
        detectedAt: '2026-05-04T10:00:00.000Z',
        introducedAt: null,
        introducedCommit: null,
        status: null,
        stage: null,
        service: null,
      },
    ]);
  });

  it('finds rules in extensions and fills message strings, with scores deciding severity', () => {
    const { findings } = sut(extensionRulesLog);
    expect(findings.map(({ ruleId, title, severity }) => ({ ruleId, title, severity }))).toEqual([
      { ruleId: 'S0001', title: "The algorithm 'MD5' is weak; use {SHA-256} (FIPS 180-4) instead.", severity: 'critical' },
      { ruleId: 'S0002', title: 'Token in query string', severity: 'low' },
      { ruleId: 'S0002', title: 'See RFC 6750.', severity: 'high' },
    ]);
  });

  it('resolves paths through chained URI bases, relative to the repository the log names', () => {
    const { findings } = sut(uriBasesLog);
    expect(findings.map((finding) => finding.location)).toEqual([
      { repo: 'https://github.com/acme/shop', path: 'src/web/cart page.tsx', line: 7 },
      { repo: 'https://github.com/acme/shop', path: 'src/api/pay.ts', line: null },
      { repo: 'https://github.com/acme/shop', path: 'C:/build/out.c', line: null },
      { repo: 'https://github.com/acme/shop', path: 'Dockerfile', line: null },
    ]);
  });

  it('collects CWE ids from tags, cwe properties, taxa and relationships, but not from text', () => {
    const { findings } = sut(cweSourcesLog);
    expect(findings.map((finding) => finding.cweIds)).toEqual([[89, 90], [285, 639, 862], [22, 79, 352], []]);
  });

  it('marks accepted suppressions, and skips results that are not findings in this scan', () => {
    const { findings, results, skipped } = sut(suppressionsLog);
    expect({ results, skipped }).toEqual({ results: 8, skipped: 2 });
    expect(findings.map(({ title, suppressed, severity }) => [title, suppressed, severity])).toEqual([
      ['in-source suppression, no status', true, 'high'],
      ['accepted', true, 'high'],
      ['under review', false, 'high'],
      ['rejected then accepted', true, 'high'],
      ['no suppressions', false, 'high'],
      ['needs a person', false, 'info'],
    ]);
  });

  it('takes fingerprints from the log where it has them and computes stable ones where not', () => {
    const [full, fullOtherOrder, nested, correlated, partial, partialOtherRule, partialFileEdited, snippet, snippetMoved] = sut(fingerprintsLog).findings.map(
      (finding) => finding.fingerprint,
    );
    expect(full).toBe('sarif:stable/v1:x1');
    expect(fullOtherOrder).toBe(full);
    expect(nested).toBe('sarif:rowHash:abc');
    expect(correlated).toBe('sarif:correlationGuid:b0d6f1e2-0000-4000-8000-000000000001');
    expect(partial).toMatch(/^sarif-partial:[0-9a-f]{64}$/);
    expect(partialOtherRule).not.toBe(partial);
    expect(partialFileEdited).toBe(partial);
    expect(snippet).toMatch(/^sarif-computed:[0-9a-f]{64}$/);
    expect(snippetMoved).toBe(snippet);
  });

  it('gives the same fingerprints every time', () => {
    expect(sut(fingerprintsLog)).toEqual(sut(fingerprintsLog));
  });

  it('reports every malformed result with its JSON pointer', () => {
    expect(problemsOf(malformedLog)).toEqual([
      { pointer: '/runs/0/results/1/ruleIndex', message: '5 is out of range: the driver has 2 rules' },
      { pointer: '/runs/0/results/2/level', message: '"fatal" is not one of none, note, warning, error' },
      { pointer: '/runs/0/results/3/locations/0/physicalLocation/region/startLine', message: 'must be a whole number from 1 to 10000000' },
      { pointer: '/runs/0/results/4', message: 'must be a result object' },
      { pointer: '/runs/0/results/5/ruleIndex', message: 'points to rule "R2", not to "R1"' },
      { pointer: '/runs/0/results/6/message', message: 'is required: neither the result nor its rule has text to use as a title' },
    ]);
  });

  it('reads a log without runs, or with runs: null, as no findings', () => {
    expect(sut({ version: '2.1.0', runs: [] })).toEqual({ findings: [], runs: 0, results: 0, skipped: 0 });
    expect(sut({ version: '2.1.0', runs: null })).toEqual({ findings: [], runs: 0, results: 0, skipped: 0 });
    expect(sut({ version: '2.1.0' }).findings).toEqual([]);
  });

  it('refuses other SARIF versions and logs that are not SARIF', () => {
    expect(problemsOf({ version: '2.0.0', runs: [] })).toEqual([
      { pointer: '/version', message: '"2.0.0" is not SARIF 2.1.0; convert older logs with the SARIF Multitool' },
    ]);
    expect(problemsOf({ runs: [] })[0].pointer).toBe('/version');
    expect(problemsOf({ version: '2.1.0', runs: {} })).toEqual([{ pointer: '/runs', message: 'must be an array' }]);
    expect(problemsOf([])).toEqual([{ pointer: '', message: 'must be a sarifLog object' }]);
  });

  it('reports runs without a tool and results that are not an array', () => {
    expect(problemsOf({ version: '2.1.0', runs: [{ results: [] }, { tool: { driver: { name: 'x' } }, results: {} }] })).toEqual([
      { pointer: '/runs/0/tool', message: 'is required: a run names the tool that produced it' },
      { pointer: '/runs/1/results', message: 'must be an array' },
    ]);
  });

  it('stops listing problems at 100 but counts them all in the message', () => {
    const results = Array.from({ length: 150 }, () => ({ ruleId: 'R', level: 'fatal', message: { text: 'x' } }));
    const log = { version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results }] };
    expect(() => sut(log)).toThrow(/^150 problems in the SARIF log \(the first 100 are listed\); first: \/runs\/0\/results\/0\/level: "fatal"/);
    expect(problemsOf(log)).toHaveLength(100);
  });
});
