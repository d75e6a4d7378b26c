import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FindingInput } from './finding.dto';
import { passesFindingInputChecks } from './finding-input.checks';

const fullValidatorAccepts = (item: unknown) => validateSync(plainToInstance(FindingInput, item as object), { whitelist: true, forbidNonWhitelisted: true }).length === 0;

const valid = {
  service: 'payments-api',
  sourceKind: 'sast',
  tool: 'semgrep',
  ruleId: 'AUTHZ-001',
  title: 'Refund endpoint does not check the owner',
  severity: 'high',
  cweIds: [639, 862],
  location: { repo: 'github.com/acme/payments', path: 'src/refund.ts', line: 42 },
  fingerprint: 'fp-1',
  stage: 'ci',
  detectedAt: '2026-05-04T10:00:00Z',
  introducedAt: '2026-04-20T08:00:00.123+02:00',
  introducedCommit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
  changeRef: '#412',
  status: 'open',
  commit: '9fceb02',
};

const long = (n: number) => 'x'.repeat(n);
const strings = ['', ' ', '\t\n', 'a', '\uFE0F', 'a\uFE0F', '\uD83D\uDE00', '\uD83D', long(100), long(200), long(201), long(500), long(501), long(512), long(513), long(1000), long(1001), long(2000), long(2001)];
const others = [null, undefined, 0, 1, -1, 1.5, 100_000, 100_001, 10_000_000, 10_000_001, true, {}, [], [1], ['a'], NaN, Infinity];
const dates = ['2026-05-04', '2026-05-04T10:00:00Z', '2026-05-04T10:00:00', '2026-02-30T10:00:00Z', '2026-13-01T00:00:00Z', '20260504T100000Z', '2026-05-04T25:00:00Z', 'yesterday'];
const candidates: Record<string, unknown[]> = {
  service: [...strings, ...others],
  sourceKind: ['sast', 'incident', 'SAST', 'nope', ...others],
  tool: [...strings, ...others],
  ruleId: [...strings, ...others],
  title: [...strings, ...others],
  severity: ['critical', 'info', 'High', ...others],
  cweIds: [[], [1], [0], [100_000], [100_001], [1.5], ['79'], [null], Array.from({ length: 50 }, (_, i) => i + 1), Array.from({ length: 51 }, (_, i) => i + 1), ...others],
  location: [{}, { repo: 'r' }, { line: 0 }, { line: -1 }, { line: 10_000_001 }, { path: long(2001) }, { repo: '' }, { other: 1 }, { repo: null, path: null, line: null }, [], 'here', ...others],
  fingerprint: [...strings, ...others],
  stage: ['design', 'production', 'later', ...others],
  detectedAt: [...dates, ...others],
  introducedAt: [...dates, ...others],
  introducedCommit: ['abcd', 'abc', 'ABCDEF12', 'g123', long(64).replace(/x/g, 'a'), long(65).replace(/x/g, 'a'), ...others],
  changeRef: [...strings, ...others],
  status: ['open', 'fixed', 'accepted_risk', 'closed', ...others],
  commit: [...strings, ...others],
};

describe('passesFindingInputChecks', () => {
  it('accepts a complete valid finding and one with only the required fields', () => {
    expect(passesFindingInputChecks(valid)).toBe(true);
    expect(passesFindingInputChecks({ service: 's', sourceKind: 'pentest', title: 't', severity: 'low' })).toBe(true);
  });

  it('never accepts what the decorators refuse, field by field', () => {
    for (const [field, values] of Object.entries(candidates)) {
      for (const value of values) {
        const item = { ...valid, [field]: value };
        if (value === undefined) delete (item as Record<string, unknown>)[field];
        const fast = passesFindingInputChecks(item);
        if (fast) expect({ field, value, accepted: fullValidatorAccepts(item) }).toEqual({ field, value, accepted: true });
      }
    }
  });

  it('never accepts what the decorators refuse, with several fields changed at once', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const fields = Object.keys(candidates);
    for (let i = 0; i < 3000; i++) {
      const item: Record<string, unknown> = { ...valid };
      for (let k = 0; k < 1 + random(3); k++) {
        const field = fields[random(fields.length)];
        const value = candidates[field][random(candidates[field].length)];
        if (value === undefined) delete item[field];
        else item[field] = value;
      }
      if (passesFindingInputChecks(item)) expect({ item, accepted: fullValidatorAccepts(item) }).toEqual({ item, accepted: true });
    }
  });

  it('leaves unknown fields, non-objects and other prototypes to the full validator', () => {
    expect(passesFindingInputChecks({ ...valid, extra: 1 })).toBe(false);
    expect(passesFindingInputChecks({ ...valid, location: { ...valid.location, column: 3 } })).toBe(false);
    expect(passesFindingInputChecks(JSON.parse(`{"__proto__": {"x": 1}, "service": "s", "sourceKind": "sast", "title": "t", "severity": "low"}`))).toBe(false);
    for (const item of [null, 'finding', 1, [valid], Object.create(valid)]) expect(passesFindingInputChecks(item)).toBe(false);
  });

  it('accepts what the decorators accept in the usual shapes', () => {
    for (const value of [null, { repo: 'r', path: 'p', line: 0 }]) expect(passesFindingInputChecks({ ...valid, location: value })).toBe(true);
    for (const field of ['tool', 'ruleId', 'cweIds', 'location', 'fingerprint', 'stage', 'detectedAt', 'introducedAt', 'introducedCommit', 'changeRef', 'status', 'commit']) {
      const item: Record<string, unknown> = { ...valid };
      delete item[field];
      expect(passesFindingInputChecks(item)).toBe(true);
    }
  });
});
