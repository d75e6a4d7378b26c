import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { InputError } from '../../ingest/parsed-finding';
import { matchComponents } from '../component-matching';
import { readSourceText } from '../source-text';
import { parseNativeThreatModel } from './parse-native';
import { TEST_LIMITS } from '../fixtures/limits';

/** The documentation's complete example is the fixture, so the two cannot drift apart. */
const documentedExample = (() => {
  const doc = readFileSync(join(__dirname, '../../../../../docs/threat-models.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Complete example'));
  return /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
})();

function problemsOf(text: string) {
  try {
    parseNativeThreatModel(readSourceText(text, undefined, TEST_LIMITS));
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error('expected an InputError');
}

const header = 'escapementThreatModel: 1\nname: M\n';

describe(parseNativeThreatModel.name, () => {
  const sut = (text: string) => parseNativeThreatModel(readSourceText(text, undefined, TEST_LIMITS));

  describe('the documented example', () => {
    const model = sut(documentedExample);

    it('reads the document', () => {
      expect(model).toMatchObject({ format: 'native', name: 'Payments platform', version: '2026.11', description: 'Card payments for the web shop, from checkout to settlement.' });
      expect([model.trustZones.length, model.components.length, model.trustBoundaries.length, model.threats.length]).toEqual([4, 5, 2, 5]);
    });

    it('reads components with their zone, parent, layer and match rules', () => {
      expect(model.components.find((component) => component.key === 'payments-auth')).toEqual({
        key: 'payments-auth',
        name: 'Token validation',
        description: "Checks the customer's session token and its scopes.",
        type: 'module',
        trustZoneKey: null,
        parentKey: 'payments-api',
        layer: 'iam',
        matchRules: { repos: [], paths: ['src/auth/**', 'src/middleware/{jwt,scopes}.ts'], services: ['payments-api'] },
      });
    });

    it('reads boundaries and threats with their mitigations', () => {
      expect(model.trustBoundaries[0]).toEqual({ key: 'internet-edge', name: 'Internet to edge', fromZoneKey: 'internet', toZoneKey: 'edge', crossingComponentKeys: ['checkout-web', 'payments-api'] });
      expect(model.threats[1]).toEqual({
        key: 'token-forgery',
        title: 'Forged or expired session tokens are accepted',
        description: null,
        componentKeys: ['payments-auth'],
        stride: 'spoofing',
        layer: 'iam',
        cweIds: [287, 347],
        severity: 'critical',
        status: 'mitigated',
        mitigations: [
          { key: 'verify-signature', title: "Verify the token's signature, issuer, audience and expiry", description: 'Done by the shared JWT middleware and covered by its contract tests.', status: 'verified' },
        ],
      });
      expect(model.threats[3]).toMatchObject({ key: 'key-leak', cweIds: [532, 798], status: 'open', mitigations: [] });
    });

    it('links findings as the documentation says', () => {
      const where = (service: string | null, repo: string | null, path: string | null) => matchComponents({ service, repo, path }, model.components);
      expect(where('payments-api', 'https://github.com/acme/payments.git', 'src/auth/session.ts')).toEqual(['payments-auth']);
      expect(where('payments-api', 'github.com/acme/payments', 'src/middleware/jwt.ts')).toEqual(['payments-auth']);
      // The ledger is not part of the API, so code that is in both is linked to both.
      expect(where('payments-api', 'github.com/acme/payments', 'src/ledger/post.ts')).toEqual(['payments-api', 'ledger-db']);
      expect(where(null, 'github.com/acme/payments', 'db/migrations/001.sql')).toEqual(['ledger-db']);
      expect(where('payments-api', 'github.com/acme/payments', 'src/refunds.ts')).toEqual(['payments-api']);
      expect(where('checkout-web', 'github.com/acme/checkout', 'apps/web/pay.tsx')).toEqual(['checkout-web']);
    });

    it('reads the same model written as JSON identically', () => {
      expect(sut(JSON.stringify(parse(documentedExample)))).toEqual(model);
    });
  });

  it('needs no more than the format version and a name', () => {
    expect(sut(header)).toEqual({ format: 'native', name: 'M', version: null, description: null, components: [], trustZones: [], trustBoundaries: [], threats: [] });
  });

  it('reads a numeric version as text, and null members as absent', () => {
    expect(sut(`${header}version: 3\ndescription: null\ncomponents: null\n`)).toMatchObject({ version: '3', description: null, components: [] });
  });

  it('lets a component name a parent written after it', () => {
    const model = sut(`${header}components:\n  - { key: child, name: C, parent: root }\n  - { key: root, name: R }\n`);
    expect(model.components.map((component) => component.parentKey)).toEqual(['root', null]);
  });

  describe('rejects', () => {
    it('a file without the format version, or with another one', () => {
      expect(problemsOf('name: M\n')).toEqual([expect.objectContaining({ pointer: '/escapementThreatModel', line: 1, column: 1 })]);
      expect(problemsOf('escapementThreatModel: 2\nname: M\n')).toEqual([expect.objectContaining({ pointer: '/escapementThreatModel', message: expect.stringContaining('must be 1') })]);
    });

    it('unknown members anywhere, naming them and what is allowed', () => {
      const problems = problemsOf(
        `${header}owner: me\ncomponents:\n  - key: a\n    name: A\n    matches: {}\n    match: { path: [x] }\nthreats:\n  - key: t\n    title: T\n    cwe: [1]\n    mitigations: [{ key: m, title: M, state: done }]\n`,
      );
      expect(problems.map(({ pointer, line }) => [pointer, line])).toEqual([
        ['/owner', 3],
        ['/components/0/matches', 7],
        ['/components/0/match/path', 8],
        ['/threats/0/cwe', 12],
        ['/threats/0/mitigations/0/state', 13],
      ]);
      expect(problems[0].message).toBe('is not a member of an Escapement threat model; expected one of escapementThreatModel, name, version, description, trustZones, components, trustBoundaries, threats');
    });

    it('values outside the enums', () => {
      const problems = problemsOf(
        `${header}components: [{ key: a, name: A, layer: Kernel }]\nthreats:\n  - { key: t, title: T, stride: Spoofing, layer: iam, severity: severe, status: closed, mitigations: [{ key: m, title: M, status: done }] }\n`,
      );
      expect(problems.map(({ pointer }) => pointer)).toEqual([
        '/components/0/layer',
        '/threats/0/stride',
        '/threats/0/severity',
        '/threats/0/status',
        '/threats/0/mitigations/0/status',
      ]);
      expect(problems[1].message).toBe('"Spoofing" is not one of spoofing, tampering, repudiation, information_disclosure, denial_of_service, elevation_of_privilege');
    });

    it('references to keys that do not exist', () => {
      const problems = problemsOf(
        [
          header.trimEnd(),
          'trustZones: [{ key: z, name: Z }]',
          'components: [{ key: a, name: A, trustZone: nowhere, parent: ghost }]',
          'trustBoundaries: [{ key: b, name: B, from: z, to: mars, crossing: [a, b] }]',
          'threats: [{ key: t, title: T, components: [a, zz] }]',
          '',
        ].join('\n'),
      );
      expect(problems.map(({ pointer, message }) => [pointer, message])).toEqual([
        ['/components/0/parent', '"ghost" is not the key of any component'],
        ['/components/0/trustZone', '"nowhere" is not the key of any trust zone'],
        ['/trustBoundaries/0/to', '"mars" is not the key of any trust zone'],
        ['/trustBoundaries/0/crossing/1', '"b" is not the key of any of the components'],
        ['/threats/0/components/1', '"zz" is not the key of any of the components'],
      ]);
    });

    it('components that are their own ancestors', () => {
      const problems = problemsOf(`${header}components:\n  - { key: a, name: A, parent: a }\n  - { key: b, name: B, parent: c }\n  - { key: c, name: C, parent: b }\n`);
      expect(problems.map(({ pointer }) => pointer)).toEqual(['/components/0/parent', '/components/1/parent', '/components/2/parent']);
    });

    it('a boundary between a zone and itself', () => {
      expect(problemsOf(`${header}trustZones: [{ key: z, name: Z }]\ntrustBoundaries: [{ key: b, name: B, from: z, to: z }]\n`)).toEqual([expect.objectContaining({ pointer: '/trustBoundaries/0/to' })]);
    });

    it('missing, repeated and malformed keys, and missing names and titles', () => {
      const problems = problemsOf(
        `${header}components:\n  - { name: A }\n  - { key: a, name: A }\n  - { key: a, name: B }\n  - { key: "has space", name: C }\n  - { key: 7, name: D }\n  - { key: e }\nthreats: [{ key: t, mitigations: [{ key: m, title: M }, { key: m, title: N }] }]\n`,
      );
      expect(problems.map(({ pointer }) => pointer)).toEqual([
        '/components/0/key',
        '/components/2/key',
        '/components/3/key',
        '/components/4/key',
        '/components/5/name',
        '/threats/0/title',
        '/threats/0/mitigations/1/key',
      ]);
    });

    it('bad CWE ids, match lists and globs', () => {
      const problems = problemsOf(
        `${header}components:\n  - key: a\n    name: A\n    match: { paths: ["src/[x"], services: "api", repos: [""] }\nthreats: [{ key: t, title: T, cweIds: [639, "639", "CWE-x", 0, "CWE-79"] }]\n`,
      );
      expect(problems.map(({ pointer, message }) => [pointer, message])).toEqual([
        ['/components/0/match/repos/0', 'must be a non-blank string'],
        ['/components/0/match/paths/0', '"src/[x" opens a "[" it does not close'],
        ['/components/0/match/services', 'must be an array'],
        ['/threats/0/cweIds/1', 'must be a CWE id: a whole number such as 639, or "CWE-639"'],
        ['/threats/0/cweIds/2', 'must be a CWE id: a whole number such as 639, or "CWE-639"'],
        ['/threats/0/cweIds/3', 'must be a CWE id: a whole number such as 639, or "CWE-639"'],
      ]);
    });

    it('globs and match lists over the limits, at their place', () => {
      const long = `src/${'x'.repeat(300)}`;
      const many = JSON.stringify(Array.from({ length: 65 }, (_, i) => `src/m${i}/**`));
      const problems = problemsOf(`${header}components:\n  - { key: a, name: A, match: { paths: ["${long}"] } }\n  - { key: b, name: B, match: { paths: ${many} } }\n`);
      expect(problems).toEqual([
        expect.objectContaining({ pointer: '/components/0/match/paths/0', line: 4, message: expect.stringContaining('a pattern may have at most 256') }),
        expect.objectContaining({ pointer: '/components/1/match', line: 5, message: 'has 65 rules; a component may have at most 64' }),
      ]);
    });

    it('a trust rating outside 0 to 100', () => {
      expect(problemsOf(`${header}trustZones: [{ key: z, name: Z, trustRating: 101 }]\n`)).toEqual([expect.objectContaining({ pointer: '/trustZones/0/trustRating' })]);
    });
  });
});
