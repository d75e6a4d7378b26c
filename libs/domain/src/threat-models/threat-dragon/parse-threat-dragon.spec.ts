import { InputError } from '../../ingest/parsed-finding';
import { readSourceText } from '../source-text';
import { parseThreatDragon } from './parse-threat-dragon';
import { TEST_LIMITS } from '../fixtures/limits';

type Json = Record<string, unknown>;

function model(cells: Json[], summary: Json = { title: 'Shop', description: 'The shop' }): string {
  return JSON.stringify({ version: '2.2.0', summary, detail: { contributors: [], diagrams: [{ id: 0, title: 'Main', diagramType: 'STRIDE', version: '2.2.0', cells }] } }, null, 2);
}

function box(shape: string, id: string, x: number, y: number, data: Json = {}, size = { width: 100, height: 100 }): Json {
  return { shape, id, position: { x, y }, size, data: { name: id, type: `tm.${shape[0].toUpperCase()}${shape.slice(1)}`, ...data } };
}

function flow(id: string, source: string, target: string, data: Json = {}, vertices: Json[] = []): Json {
  return { shape: 'flow', id, source: { cell: source }, target: { cell: target }, vertices, data: { name: id, type: 'tm.Flow', ...data } };
}

function threat(overrides: Json = {}): Json {
  return { title: 'T', type: 'Spoofing', status: 'Open', severity: 'High', description: 'd', mitigation: '', modelType: 'STRIDE', ...overrides };
}

function problemsOf(text: string) {
  try {
    parseThreatDragon(readSourceText(text, undefined, TEST_LIMITS));
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe(parseThreatDragon.name, () => {
  const sut = (text: string) => parseThreatDragon(readSourceText(text, undefined, TEST_LIMITS));

  it('reads actors, processes and stores as components, with one-line names', () => {
    const parsed = sut(
      model([
        box('actor', 'user', 0, 0, { name: 'Web\nBrowser', description: 'A customer' }),
        box('process', 'api', 200, 0),
        box('store', 'db', 400, 0, { description: '' }),
        { shape: 'td-text-block', id: 'note', position: { x: 0, y: 300 }, data: { type: 'tm.Text', name: 'a note' } },
      ]),
    );
    expect(parsed).toMatchObject({ format: 'threat-dragon', name: 'Shop', version: null, description: 'The shop', trustZones: [] });
    expect(parsed.components.map(({ key, name, type, description }) => [key, name, type, description])).toEqual([
      ['user', 'Web Browser', 'actor', 'A customer'],
      ['api', 'api', 'process', null],
      ['db', 'db', 'store', null],
    ]);
    expect(parsed.components[0]).toMatchObject({ trustZoneKey: null, parentKey: null, layer: null, matchRules: { repos: [], paths: [], services: [] } });
  });

  it('recognises cells by data type when the shape is unfamiliar', () => {
    const parsed = sut(model([{ shape: 'custom-shape', id: 'x', data: { type: 'tm.Process', name: 'X' } }]));
    expect(parsed.components).toEqual([expect.objectContaining({ key: 'x', type: 'process' })]);
  });

  describe('threats', () => {
    it('are read from the cell data, where real files keep them', () => {
      const parsed = sut(model([box('process', 'api', 0, 0, { threats: [threat({ id: 't1', title: 'Forged session', type: 'Elevation of privilege', severity: 'Medium' })] })]));
      expect(parsed.threats).toEqual([
        { key: 't1', title: 'Forged session', description: 'd', componentKeys: ['api'], stride: 'elevation_of_privilege', layer: null, cweIds: [], severity: 'medium', status: 'open', mitigations: [] },
      ]);
    });

    it('are read from the cell itself, where the schema puts them', () => {
      const cell = { ...box('store', 'db', 0, 0), threats: [threat({ threatId: 'schema-id' })] };
      expect(sut(model([cell])).threats.map(({ key, componentKeys }) => [key, componentKeys])).toEqual([['schema-id', ['db']]]);
    });

    it('on a flow land on the components at both of its ends', () => {
      const parsed = sut(model([box('actor', 'user', 0, 0), box('process', 'api', 300, 0), flow('req', 'user', 'api', { threats: [threat({ id: 't' })] })]));
      expect(parsed.threats[0].componentKeys).toEqual(['user', 'api']);
    });

    it('on a flow with a loose end land on the end that is attached', () => {
      const loose = { ...flow('req', 'user', 'api', { threats: [threat({ id: 't' })] }), target: { x: 10, y: 10 } };
      expect(sut(model([box('actor', 'user', 0, 0), loose])).threats[0].componentKeys).toEqual(['user']);
    });

    it.each([
      ['Open', 'open'],
      ['Mitigated', 'mitigated'],
      ['NotApplicable', 'not_applicable'],
      ['NA', 'not_applicable'],
      ['Accepted', 'accepted'],
      ['Transferred', 'accepted'],
      ['Eliminated', 'mitigated'],
      ['Something new', 'open'],
      ['', 'open'],
    ])('read status %j as %s', (status, expected) => {
      expect(sut(model([box('process', 'p', 0, 0, { threats: [threat({ status })] })])).threats[0].status).toBe(expected);
    });

    it.each([
      ['Spoofing', 'spoofing'],
      ['Tampering', 'tampering'],
      ['Repudiation', 'repudiation'],
      ['Information disclosure', 'information_disclosure'],
      ['Denial of service', 'denial_of_service'],
      ['Elevation of privilege', 'elevation_of_privilege'],
      ['Confidentiality', 'information_disclosure'],
      ['Linkability', null],
    ])('read type %j as STRIDE %s', (type, expected) => {
      expect(sut(model([box('process', 'p', 0, 0, { threats: [threat({ type })] })])).threats[0].stride).toBe(expected);
    });

    it.each([
      ['Critical', 'critical'],
      ['High', 'high'],
      ['Low', 'low'],
      ['TBD', null],
      ['', null],
    ])('read severity %j as %s', (severity, expected) => {
      expect(sut(model([box('process', 'p', 0, 0, { threats: [threat({ severity })] })])).threats[0].severity).toBe(expected);
    });

    it('turn the free-text mitigation into one mitigation, titled by its first sentence, planned while the threat is open', () => {
      const mitigation = 'Sign all messages (e.g. with HMAC). Reject unsigned ones.\n\nRotate keys.';
      const parsed = sut(model([box('process', 'p', 0, 0, { threats: [threat({ id: 't', mitigation }), threat({ id: 'u', mitigation, status: 'Mitigated' })] })]));
      expect(parsed.threats[0].mitigations).toEqual([{ key: 't/mitigation', title: 'Sign all messages (e.g. with HMAC).', description: mitigation, status: 'planned' }]);
      expect(parsed.threats[1].mitigations[0].status).toBe('implemented');
    });

    it('take CWE ids mentioned in the title or description', () => {
      const parsed = sut(model([box('process', 'p', 0, 0, { threats: [threat({ title: 'IDOR (CWE-639)', description: 'See CWE-285 and cwe-284.' })] })]));
      expect(parsed.threats[0].cweIds).toEqual([284, 285, 639]);
    });

    it('get keys from their place when they have no id, and of their own when a copied cell repeats one', () => {
      const parsed = sut(model([box('process', 'p', 0, 0, { threats: [threat(), threat({ id: 'same' })] }), box('process', 'q', 200, 0, { threats: [threat({ id: 'same' })] })]));
      expect(parsed.threats.map((found) => found.key)).toEqual(['p/threats/0', 'same', 'same#2']);
    });
  });

  describe('trust boundaries', () => {
    it('are crossed by the ends of flows drawn across a boundary curve', () => {
      const cells = [
        box('actor', 'user', 0, 0),
        box('process', 'api', 300, 0),
        box('store', 'db', 300, 300),
        flow('request', 'user', 'api'),
        flow('query', 'api', 'db'),
        { shape: 'trust-boundary-curve', id: 'edge', source: { x: 200, y: -50 }, target: { x: 200, y: 500 }, data: { type: 'tm.Boundary', name: '' } },
      ];
      expect(sut(model(cells)).trustBoundaries).toEqual([{ key: 'edge', name: 'Trust boundary 1', fromZoneKey: null, toZoneKey: null, crossingComponentKeys: ['user', 'api'] }]);
    });

    it('follow the vertices of curves and flows', () => {
      const cells = [
        box('process', 'a', 0, 0),
        box('process', 'b', 0, 300),
        // The flow detours right, around the end of a boundary that would otherwise cut it.
        flow('around', 'a', 'b', {}, [{ x: 500, y: 50 }, { x: 500, y: 350 }]),
        { shape: 'trust-boundary-curve', id: 'wall', source: { x: -100, y: 200 }, target: { x: 300, y: 200 }, data: { type: 'tm.Boundary', name: 'Wall' } },
        { shape: 'trust-boundary-curve', id: 'bent', source: { x: -100, y: 150 }, target: { x: 300, y: 250 }, vertices: [{ x: 700, y: 200 }], data: { type: 'tm.Boundary' } },
      ];
      expect(sut(model(cells)).trustBoundaries.map(({ name, crossingComponentKeys }) => [name, crossingComponentKeys])).toEqual([
        ['Wall', []],
        ['Trust boundary 2', ['a', 'b']],
      ]);
    });

    it('are crossed by the flows with one end inside a boundary box', () => {
      const cells = [
        box('actor', 'user', 0, 0),
        box('process', 'api', 300, 0),
        box('store', 'db', 320, 200),
        flow('request', 'user', 'api'),
        flow('query', 'api', 'db'),
        { ...box('trust-boundary-box', 'private', 250, -50, { type: 'tm.BoundaryBox', name: 'Private\nnetwork' }, { width: 300, height: 400 }) },
      ];
      expect(sut(model(cells)).trustBoundaries).toEqual([expect.objectContaining({ key: 'private', name: 'Private network', crossingComponentKeys: ['user', 'api'] })]);
    });
  });

  it('reads every diagram', () => {
    const text = JSON.stringify({
      summary: { title: 'Two' },
      detail: { diagrams: [{ cells: [box('process', 'a', 0, 0)] }, { cells: [box('process', 'b', 0, 0)] }, { cells: null }] },
    });
    expect(sut(text).components.map((component) => component.key)).toEqual(['a', 'b']);
  });

  describe('rejects', () => {
    it('a model missing its summary title and detail, naming a misspelt member', () => {
      const text = JSON.stringify({ version: '2.1.3', summary: { titled: 'x', description: 0 }, details: {} }, null, 2);
      expect(problemsOf(text)).toEqual([
        { pointer: '/summary/title', message: 'is required and must not be blank', line: 3, column: 3 },
        { pointer: '/summary/description', message: 'must be a string', line: 5, column: 5 },
        { pointer: '/detail', message: 'is required (the file has "details")', line: 1, column: 1 },
      ]);
    });

    it('a model without diagrams', () => {
      expect(problemsOf(JSON.stringify({ summary: { title: 'x' }, detail: {} }))).toEqual([expect.objectContaining({ pointer: '/detail/diagrams' })]);
    });

    it('cells without ids and threats that are not objects', () => {
      const cells = [{ shape: 'process', data: { type: 'tm.Process' } }, box('process', 'p', 0, 0, { threats: ['oops'] })];
      expect(problemsOf(model(cells)).map(({ pointer }) => pointer)).toEqual(['/detail/diagrams/0/cells/0/id', '/detail/diagrams/0/cells/1/data/threats/0']);
    });
  });
});
