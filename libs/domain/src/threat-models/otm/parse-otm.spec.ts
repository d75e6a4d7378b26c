import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { InputError } from '../../ingest/parsed-finding';
import { matchComponents } from '../component-matching';
import { readSourceText } from '../source-text';
import { parseOtm } from './parse-otm';
import { TEST_LIMITS } from '../fixtures/limits';

const shopYaml = readFileSync(join(__dirname, '../fixtures/shop.otm.yaml'), 'utf8');

function problemsOf(text: string) {
  try {
    parseOtm(readSourceText(text, undefined, TEST_LIMITS));
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError');
}

/** The smallest valid model, to which each case adds what it is about. */
const minimal = (more: string) => `otmVersion: 0.2.0\nproject: { name: P, id: p }\n${more}`;

describe(parseOtm.name, () => {
  const sut = (text: string) => parseOtm(readSourceText(text, undefined, TEST_LIMITS));

  describe('the shop fixture', () => {
    const model = sut(shopYaml);
    const component = (key: string) => model.components.find((found) => found.key === key);
    const threat = (key: string) => model.threats.find((found) => found.key === key);

    it('reads the project as the model', () => {
      expect(model).toMatchObject({ format: 'otm', name: 'Shop', version: null, description: 'The web shop and its order API.' });
    });

    it('reads trust zones with their ratings', () => {
      expect(model.trustZones).toEqual([
        { key: 'internet', name: 'Internet', trustRating: 10, description: null },
        { key: 'dmz', name: 'Edge', trustRating: 50, description: 'Reverse proxies and public APIs.' },
        { key: 'internal', name: 'Internal', trustRating: 90, description: null },
      ]);
    });

    it('places nested components in the zone of the component enclosing them', () => {
      expect(model.components.map(({ key, parentKey, trustZoneKey }) => [key, parentKey, trustZoneKey])).toEqual([
        ['browser', null, 'internet'],
        ['api', null, 'dmz'],
        ['auth', 'api', 'dmz'],
        ['db', null, 'internal'],
        ['db-access', 'db', 'internal'],
      ]);
    });

    it('reads match rules and layers from escapement attributes and tags', () => {
      expect(component('browser')).toMatchObject({ layer: null, matchRules: { repos: [], paths: [], services: ['shop-web'] } });
      expect(component('api')).toMatchObject({ layer: 'product', matchRules: { repos: ['acme/shop'], paths: [], services: ['shop-api'] } });
      expect(component('auth')).toMatchObject({ layer: 'iam', matchRules: { repos: [], paths: ['src/auth/**', 'src/{jwt,session}.ts'], services: [] } });
      expect(component('db')?.matchRules).toEqual({ repos: [], paths: [], services: [] });
    });

    it('takes the files of code representations as exact paths', () => {
      expect(component('db-access')?.matchRules.paths).toEqual(['src/orders/OrderRepository\\[Impl\\].java']);
      expect(matchComponents({ service: null, repo: null, path: 'src/orders/OrderRepository[Impl].java' }, model.components)).toEqual(['db-access']);
    });

    it('derives a boundary per pair of zones that data flows between, from the less trusted side', () => {
      expect(model.trustBoundaries).toEqual([
        { key: 'internet->dmz', name: 'Internet → Edge', fromZoneKey: 'internet', toZoneKey: 'dmz', crossingComponentKeys: ['browser', 'api'] },
        { key: 'dmz->internal', name: 'Edge → Internal', fromZoneKey: 'dmz', toZoneKey: 'internal', crossingComponentKeys: ['db', 'api'] },
      ]);
    });

    it('keeps one threat per definition, on every component and flow end it is placed on', () => {
      expect(model.threats.map(({ key, componentKeys }) => [key, componentKeys])).toEqual([
        ['idor', ['api', 'auth']],
        ['sqli', ['db', 'api']],
        ['unused', []],
      ]);
    });

    it('reads STRIDE, severity and CWE ids from wherever the definition states them', () => {
      expect(threat('idor')).toMatchObject({ title: 'Orders of other customers can be read', stride: 'elevation_of_privilege', severity: 'high', cweIds: [639] });
      expect(threat('sqli')).toMatchObject({ description: 'Search terms reach the query builder.', stride: 'tampering', severity: null, cweIds: [74, 89, 943] });
    });

    it('takes the least protected state of a threat placed several times', () => {
      expect(threat('idor')?.status).toBe('open');
      expect(threat('sqli')?.status).toBe('open');
      expect(threat('unused')).toMatchObject({ status: 'open', mitigations: [] });
    });

    it('attaches the mitigations placed with a threat, at their least advanced state', () => {
      expect(threat('idor')?.mitigations).toEqual([{ key: 'owner-check', title: 'Check order ownership in the query', description: null, status: 'planned' }]);
      expect(threat('sqli')?.mitigations).toEqual([{ key: 'parameterised', title: 'Parameterised queries', description: 'No string concatenation in SQL.', status: 'implemented' }]);
    });

    it('reads the same model written as JSON identically', () => {
      expect(sut(JSON.stringify(parse(shopYaml), null, 2))).toEqual(model);
    });
  });

  it('tolerates the nulls and absences real files have', () => {
    const model = sut(minimal('components: null\ndataflows: null\nthreats: null\nmitigations: null\n'));
    expect(model).toMatchObject({ name: 'P', components: [], trustZones: [], trustBoundaries: [], threats: [] });
  });

  it('reads a mitigated state everywhere as mitigated, and not-applicable as such', () => {
    const model = sut(
      minimal(
        [
          'components:',
          '  - { id: a, name: A, type: t, parent: { trustZone: z }, threats: [{ threat: t1, state: Mitigated }, { threat: t2, state: not-applicable }] }',
          'trustZones: [{ id: z, name: Z, risk: { trustRating: 1 } }]',
          'threats: [{ id: t1, name: T1, risk: { likelihood: 1, impact: 1 } }, { id: t2, name: T2, risk: { likelihood: 1, impact: 1 } }]',
        ].join('\n'),
      ),
    );
    expect(model.threats.map((threat) => threat.status)).toEqual(['mitigated', 'not_applicable']);
  });

  describe('rejects', () => {
    it('a document without its version and project', () => {
      expect(problemsOf('name: x\n').map(({ pointer }) => pointer)).toEqual(['/otmVersion', '/project']);
    });

    it('a document that is not an object', () => {
      expect(problemsOf('- a\n- b\n')).toEqual([{ pointer: '', message: 'must be an object (an Open Threat Model document)', line: 1, column: 1 }]);
    });

    it('a parent that does not exist, at its line', () => {
      const problems = problemsOf(minimal('components:\n  - id: a\n    name: A\n    type: t\n    parent:\n      trustZone: nowhere\n'));
      expect(problems).toEqual([{ pointer: '/components/0/parent', message: 'names trust zone "nowhere", which "trustZones" does not define', line: 7, column: 5 }]);
    });

    it('components that enclose each other', () => {
      const problems = problemsOf(minimal('components:\n  - { id: a, name: A, type: t, parent: { component: b } }\n  - { id: b, name: B, type: t, parent: { component: a } }\n'));
      expect(problems.map(({ pointer }) => pointer)).toEqual(['/components/0/parent', '/components/1/parent']);
    });

    it('a repeated id', () => {
      const problems = problemsOf(minimal('components:\n  - { id: a, name: A, type: t }\n  - { id: a, name: B, type: t }\n'));
      expect(problems).toEqual([expect.objectContaining({ pointer: '/components/1/id', line: 5, column: 7 })]);
    });

    it('threat and mitigation instances naming undefined definitions', () => {
      const problems = problemsOf(minimal('components:\n  - { id: a, name: A, type: t, threats: [{ threat: ghost, state: exposed, mitigations: [{ mitigation: nope, state: required }] }] }\n'));
      expect(problems.map(({ pointer, message }) => [pointer, message])).toEqual([
        ['/components/0/threats/0/threat', 'names threat "ghost", which the top-level "threats" does not define'],
        ['/components/0/threats/0/mitigations/0/mitigation', 'names mitigation "nope", which the top-level "mitigations" does not define'],
      ]);
    });

    it('a data flow from or to a component that does not exist', () => {
      const problems = problemsOf(minimal('dataflows:\n  - { id: f, name: F, source: a, destination: b }\n'));
      expect(problems.map(({ pointer }) => pointer)).toEqual(['/dataflows/0/source', '/dataflows/0/destination']);
    });

    it('a broken path glob or an unknown layer in the escapement attributes', () => {
      const problems = problemsOf(minimal("components:\n  - id: a\n    name: A\n    type: t\n    attributes:\n      escapement.paths: 'src/{a'\n      escapement.layer: kernel\n"));
      expect(problems).toEqual([
        expect.objectContaining({ pointer: '/components/0/attributes/escapement.paths', line: 8, column: 7 }),
        expect.objectContaining({ pointer: '/components/0/attributes/escapement.layer', message: expect.stringMatching(/^"kernel" is not a PWNISMS layer/) }),
      ]);
    });

    it('members of the wrong type', () => {
      const problems = problemsOf(minimal('trustZones: { id: z }\ncomponents:\n  - 7\n'));
      expect(problems.map(({ pointer, message }) => [pointer, message])).toEqual([
        ['/trustZones', 'must be an array'],
        ['/components/0', 'must be an object (a component)'],
      ]);
    });
  });
});
