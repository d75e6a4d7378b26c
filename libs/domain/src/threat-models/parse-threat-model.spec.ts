import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../ingest/parsed-finding';
import { parseThreatModel } from './parse-threat-model';
import { TEST_LIMITS } from './fixtures/limits';

const shopYaml = readFileSync(join(__dirname, 'fixtures/shop.otm.yaml'), 'utf8');

function errorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe(parseThreatModel.name, () => {
  const sut = (text: string, options: Omit<Parameters<typeof parseThreatModel>[1], 'limits'> = {}) => parseThreatModel(text, { ...options, limits: TEST_LIMITS });

  it('detects the format and hands the file to its parser', () => {
    expect(sut(shopYaml).format).toBe('otm');
    expect(sut('escapementThreatModel: 1\nname: M\n').format).toBe('native');
    expect(sut(JSON.stringify({ summary: { title: 'T' }, detail: { diagrams: [] } })).format).toBe('threat-dragon');
  });

  it('uses the format it is told, and reports problems by that format', () => {
    const error = errorOf(() => sut('escapementThreatModel: 1\nname: M\n', { format: 'otm' }));
    expect(error.problems.map((problem) => problem.pointer)).toEqual(['/otmVersion', '/project']);
  });

  it('uses an .otm file name when the content does not say', () => {
    const error = errorOf(() => sut('project: { name: P, id: p }\n', { fileName: 'shop.otm.yaml' }));
    expect(error.message).toBe('1 problem in the Open Threat Model; first: /otmVersion: is required: the OTM version the file follows, e.g. "0.2.0"');
  });

  it('rejects a file of no known format, saying what it looked for', () => {
    const error = errorOf(() => sut('title: a finding\nseverity: high\n'));
    expect(error.problems).toEqual([{ pointer: '', line: 1, column: 1, message: expect.stringContaining('"otmVersion" (Open Threat Model)') }]);
  });

  it('rejects text that does not parse, with its place', () => {
    const error = errorOf(() => sut('{"otmVersion": "0.2.0",\n  "project": }', { fileName: 'x.json' }));
    expect(error.problems).toEqual([{ message: expect.stringMatching(/^is not valid JSON/), line: 2, column: 14 }]);
  });
});

describe('parseThreatModel limits', () => {
  it('refuses a model with more components than the limit, at its list', () => {
    const text = `escapementThreatModel: 1\nname: M\ncomponents:\n${Array.from({ length: 4 }, (_, i) => `  - { key: c${i}, name: C${i} }\n`).join('')}`;
    expect(() => parseThreatModel(text, { limits: { ...TEST_LIMITS, maxComponents: 3 } })).toThrow(expect.objectContaining({
      problems: [{ pointer: '/components', line: 3, column: 1, message: 'has 4 components; a model may have at most 3' }],
    }));
    expect(parseThreatModel(text, { limits: { ...TEST_LIMITS, maxComponents: 4 } }).components).toHaveLength(4);
  });
});
