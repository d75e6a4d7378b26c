import { InputError } from '../parsed-finding';
import { parseSarifResult } from './parse-sarif-result';
import { sarifRunContext } from './sarif-run-context';

/** The streaming use: a context built from the run without its results, then results one at a time. */
describe(parseSarifResult.name, () => {
  const sut = parseSarifResult;
  const run = {
    tool: { driver: { name: 'Scanner', rules: [{ id: 'R1', shortDescription: { text: 'Rule one' }, defaultConfiguration: { level: 'note' } }] } },
    invocations: [{ startTimeUtc: '2026-01-02T03:04:05Z' }],
  };
  const context = sarifRunContext(run, '/runs/3');

  it('converts one result against the run context', () => {
    const finding = sut({ ruleId: 'R1', message: {} }, context, '/runs/3/results/17');
    expect(finding).toMatchObject({ tool: 'Scanner', ruleId: 'R1', title: 'Rule one', severity: 'low', detectedAt: '2026-01-02T03:04:05.000Z' });
  });

  it('prefers the first-detection time the result carries over the run time', () => {
    const finding = sut({ ruleId: 'R1', message: { text: 'm' }, provenance: { firstDetectionTimeUtc: '2025-12-01T00:00:00Z' } }, context, '/r');
    expect(finding?.detectedAt).toBe('2025-12-01T00:00:00.000Z');
  });

  it('reads when and in which commit the flaw was introduced from the result properties', () => {
    const properties = { introducedAt: '2025-11-03T09:30:00+01:00', introducedCommit: '9FCEB02D0AE598E95DC970B74767F19372D61AF8' };
    expect(sut({ ruleId: 'R1', message: { text: 'm' }, properties }, context, '/r')).toMatchObject({
      introducedAt: '2025-11-03T08:30:00.000Z',
      introducedCommit: '9fceb02d0ae598e95dc970b74767f19372d61af8',
    });
    expect(sut({ ruleId: 'R1', message: { text: 'm' } }, context, '/r')).toMatchObject({ introducedAt: null, introducedCommit: null });
  });

  it('rejects an introduction that is not a date or a commit id, with the pointer', () => {
    let error: unknown;
    try {
      sut({ ruleId: 'R1', message: { text: 'm' }, properties: { introducedAt: 'last week', introducedCommit: 'HEAD' } }, context, '/runs/0/results/4');
    } catch (caught) {
      error = caught;
    }
    expect((error as InputError).problems.map((p) => p.pointer)).toEqual(['/runs/0/results/4/properties/introducedAt', '/runs/0/results/4/properties/introducedCommit']);
  });

  it('falls back to the rule id as the title, and to warning when neither result nor rule has a level', () => {
    const bare = sarifRunContext({ tool: { driver: { name: 'S' } } }, '/runs/0');
    expect(sut({ ruleId: 'X9', message: { text: ' ' } }, bare, '/r')).toMatchObject({ title: 'X9', severity: 'medium' });
  });

  it('caps the title at 1000 characters', () => {
    const finding = sut({ ruleId: 'R1', message: { text: 'word '.repeat(400) } }, context, '/r');
    expect(finding?.title).toHaveLength(1000);
    expect(finding?.title.endsWith('…')).toBe(true);
  });

  it('returns null for a result that is not a finding', () => {
    expect(sut({ ruleId: 'R1', message: { text: 'ok' }, kind: 'notApplicable' }, context, '/r')).toBeNull();
  });

  it.each([2147483648, 2 ** 53 + 1, 1e30, 10_000_001])('refuses a startLine of %d with its pointer: no line column can hold it', (startLine) => {
    const result = { ruleId: 'R1', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a.ts' }, region: { startLine } } }] };
    expect(() => sut(result, context, '/runs/3/results/0')).toThrow(InputError);
    try {
      sut(result, context, '/runs/3/results/0');
    } catch (error) {
      expect((error as InputError).problems).toEqual([
        { pointer: '/runs/3/results/0/locations/0/physicalLocation/region/startLine', message: 'must be a whole number from 1 to 10000000' },
      ]);
    }
  });

  it('keeps a line of 10,000,000, the largest any format accepts', () => {
    const result = { ruleId: 'R1', message: { text: 'm' }, locations: [{ physicalLocation: { region: { startLine: 10_000_000 } } }] };
    expect(sut(result, context, '/r')?.location.line).toBe(10_000_000);
  });

  it('falls back to the uri when artifactLocation.index is past the run artifacts, with a warning', () => {
    const withArtifacts = sarifRunContext({ ...run, artifacts: [{ location: { uri: 'pom.xml' } }] }, '/runs/0');
    const location = (index: number, uri?: string) => ({ ruleId: 'R1', message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { index, ...(uri ? { uri } : {}) } } }] });
    const finding = sut(location(3, 'lib/jackson-databind-2.9.8.jar'), withArtifacts, '/runs/0/results/5');
    expect(finding?.location.path).toBe('lib/jackson-databind-2.9.8.jar');
    expect(finding?.warnings).toEqual([
      {
        code: 'artifact_index_out_of_range',
        pointer: '/runs/0/results/5/locations/0/physicalLocation/artifactLocation/index',
        message: '3 is out of range: the run has 1 artifact; its uri was used instead',
      },
    ]);
    const bare = sut(location(1), withArtifacts, '/r');
    expect(bare?.location.path).toBeNull();
    expect(bare?.warnings?.[0].message).toBe('1 is out of range: the run has 1 artifact; the location has no uri either, so it was stored without a path');
    expect(sut(location(0), withArtifacts, '/r')).toMatchObject({ location: { path: 'pom.xml' } });
    expect(sut(location(0), withArtifacts, '/r')?.warnings).toBeUndefined();
  });

  it('throws an InputError with the pointer the caller gave', () => {
    let error: unknown;
    try {
      sut({ ruleId: 'R1', message: { text: 'x' }, suppressions: [{ kind: 'external', status: 'maybe' }], locations: {} }, context, '/runs/3/results/17');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems).toEqual([
      { pointer: '/runs/3/results/17/locations', message: 'must be an array' },
      { pointer: '/runs/3/results/17/suppressions/0/status', message: '"maybe" is not one of accepted, underReview, rejected' },
    ]);
  });
});

describe(sarifRunContext.name, () => {
  const sut = sarifRunContext;

  it('ignores the results, so it can be built before they are read', () => {
    expect(() => sut({ tool: { driver: { name: 'S' } }, results: 'not even an array' }, '/runs/0')).not.toThrow();
  });

  it('reports problems in rules and URI bases with their pointers', () => {
    const run = {
      tool: { driver: { name: 'S', rules: [{ id: 'R', defaultConfiguration: { level: 'severe' } }] } },
      originalUriBaseIds: { A: { uri: 'a/', uriBaseId: 'A' } },
    };
    expect(() => sut(run, '/runs/2')).toThrow(InputError);
    try {
      sut(run, '/runs/2');
    } catch (error) {
      expect((error as InputError).problems).toEqual([
        { pointer: '/runs/2/tool/driver/rules/0/defaultConfiguration/level', message: '"severe" is not one of none, note, warning, error' },
        { pointer: '/runs/2/originalUriBaseIds/A/uriBaseId', message: 'base ids form a cycle: A → A' },
      ]);
    }
  });
});
