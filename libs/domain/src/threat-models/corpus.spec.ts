import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../ingest/parsed-finding';
import { parseThreatModel } from './parse-threat-model';
import { TEST_LIMITS } from './fixtures/limits';

/**
 * The shared corpus of real threat models lives beside the repository (ESCAPEMENT_CORPUS overrides),
 * not in it: its files carry their own licences. Without it these cases are skipped; the fixtures in
 * this folder cover the same ground.
 */
const corpus = join(process.env.ESCAPEMENT_CORPUS ?? join(__dirname, '../../../../../shared/corpus'), 'threat-models');
const describeWithCorpus = existsSync(corpus) ? describe : describe.skip;
const read = (name: string) => readFileSync(join(corpus, name), 'utf8');

describeWithCorpus(`${parseThreatModel.name} on the shared corpus`, () => {
  const sut = (name: string) => parseThreatModel(read(name), { fileName: name, limits: TEST_LIMITS });

  it('reads the OTM example: 4 components in 2 zones, 1 boundary crossed by the client–service flow, 1 threat', () => {
    const model = sut('otm-example.json');
    expect([model.components.length, model.trustZones.length, model.trustBoundaries.length, model.threats.length]).toEqual([4, 2, 1, 1]);
    expect(model.trustBoundaries[0]).toMatchObject({ name: 'Internet → Private', crossingComponentKeys: ['web-client', 'web-service'] });
    expect(model.threats[0]).toMatchObject({
      title: 'Threat 1',
      componentKeys: ['web-service', 'customer-database'],
      stride: 'spoofing',
      cweIds: [79, 123, 787],
      status: 'open',
      mitigations: [{ key: 'fd6136f4-e2ff-11eb-ba80-0242ac130004', status: 'planned' }],
    });
  });

  it('reads the Threat Dragon model: 7 components, 3 boundaries, and every threat its cells hold', () => {
    const raw = JSON.parse(read('threat-dragon-v2-threat-model.json'));
    const cells: Array<{ data?: { threats?: unknown[] } }> = raw.detail.diagrams.flatMap((diagram: { cells: unknown[] }) => diagram.cells);
    const threatsInFile = cells.reduce((sum, cell) => sum + (cell.data?.threats?.length ?? 0), 0);

    const model = sut('threat-dragon-v2-threat-model.json');
    expect(threatsInFile).toBe(14);
    expect([model.components.length, model.trustZones.length, model.trustBoundaries.length, model.threats.length]).toEqual([7, 0, 3, 14]);
    expect(new Set(model.threats.map((threat) => threat.key)).size).toBe(14);
    expect(model.threats.filter((threat) => threat.status === 'mitigated')).toHaveLength(4);
    expect(model.threats.every((threat) => threat.stride !== null && threat.severity !== null && threat.mitigations.length === 1)).toBe(true);
    expect(model.trustBoundaries.map((boundary) => boundary.crossingComponentKeys.length)).toEqual([2, 3, 3]);
  });

  it('rejects the malformed Threat Dragon model with the place of each problem', () => {
    let error: unknown;
    try {
      sut('threat-dragon-v2-malformed.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems).toEqual([
      { pointer: '/summary/title', message: 'is required and must not be blank', line: 3, column: 3 },
      { pointer: '/summary/description', message: 'must be a string', line: 6, column: 5 },
      { pointer: '/detail', message: 'is required (the file has "details")', line: 1, column: 1 },
    ]);
  });
});
