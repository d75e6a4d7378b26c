import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { anyBytes, editedDocument, findingsCsv, findingsJson, sarifLog } from '../support/fuzz/arbitraries';
import { fuzzRuns, fuzzSeed, ParserSandbox, type ParserName } from '../support/fuzz/parser-sandbox';
import { mutatedText } from '../support/mutations';

const fixtures = path.join(__dirname, '..', 'fixtures');
const read = (...parts: string[]) => fs.readFileSync(path.join(fixtures, ...parts), 'utf8');
const otmFixture = fs.readFileSync(path.join(__dirname, '..', '..', 'libs', 'domain', 'src', 'threat-models', 'fixtures', 'shop.otm.yaml'), 'utf8');

/** A run this long is a hang, not a slow machine: the inputs are at most a few hundred KB. */
const HANG_MS = Number(process.env.ESCAPEMENT_FUZZ_HANG_MS) || 10_000;
/** The parsers' heap: an input that needs more is a memory bomb. */
const HEAP_MB = 384;
/** Heap still in use after a full GC, once every input of a property has been parsed, above where it started. */
const RETAINED_MB = 64;

/**
 * Every parser, fed generated and damaged inputs in a worker with a capped heap (the built code, as the
 * server runs it): each input is accepted or refused as bad input, never a crash (a 500), never a hang
 * past HANG_MS, never a heap past HEAP_MB, and parsing leaves no memory behind. Accepted findings must
 * be storable (a line that fits its column, no NUL). `npm test` runs a short version with fixed seeds;
 * `npm run fuzz` (ESCAPEMENT_FUZZ_RUNS, ESCAPEMENT_FUZZ_SEED) runs as long as asked.
 */
// The parsers run in worker processes without a database: the spec runs once, in the embedded pass.
const describeOnce = process.env.ESCAPEMENT_TEST_DB === 'postgres' ? describe.skip : describe;

describeOnce('parser fuzzing: every input is accepted or refused, in bounded time and memory', () => {
  const runs = (short: number) => fuzzRuns(short);
  const timeout = (short: number) => Math.max(120_000, runs(short) * (HANG_MS / 10));
  let sandbox: ParserSandbox;
  beforeAll(() => {
    sandbox = new ParserSandbox({ hangMs: HANG_MS, heapMb: HEAP_MB });
  });
  afterAll(() => sandbox.close());

  async function check(parsers: ParserName[], arbitrary: fc.Arbitrary<string | Uint8Array>, seed: number, numRuns: number): Promise<void> {
    let baseline: number | null = null;
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        for (const parser of parsers) {
          const result = await sandbox.run(parser, input);
          if (result.outcome !== 'accepted' && result.outcome !== 'refused') {
            throw new Error(`${parser}: ${result.outcome}${result.detail ? `\n${result.detail}` : ''}`);
          }
        }
        // Measured once the parsers' modules and first inputs are loaded, so only what stays behind counts.
        baseline ??= await sandbox.heapAfterGc();
      }),
      { seed: fuzzSeed(seed), numRuns, endOnFailure: true },
    );
    const retainedMb = ((await sandbox.heapAfterGc()) - (baseline ?? 0)) / 1024 / 1024;
    expect(retainedMb).toBeLessThanOrEqual(RETAINED_MB);
  }

  it('notices a parser that never returns or allocates without bound, and carries on after it', async () => {
    const small = new ParserSandbox({ hangMs: 2_000, heapMb: 64 });
    try {
      expect(await small.run('self-check-hang', '')).toMatchObject({ outcome: 'hung' });
      expect(await small.run('self-check-memory', '')).toMatchObject({ outcome: 'out-of-memory' });
      expect(await small.run('csv', 'title,severity,service\nx,high,a-api\n')).toEqual({ outcome: 'accepted' });
    } finally {
      await small.close();
    }
  });

  it('SARIF, streamed as the server reads it and whole in memory', async () => {
    const fixture = read('imports', 'semgrep-two-results.sarif');
    await check(['sarif', 'sarif-log'], sarifLog, 20261204, runs(150));
    await check(['sarif'], fc.oneof(editedDocument(JSON.parse(fixture), false), editedDocument(JSON.parse(read('imports', 'dependency-check-artifact-index.sarif')), false), mutatedText(fixture)), 20261205, runs(100));
  }, timeout(250));

  it('JSON findings', async () => {
    await check(['json'], findingsJson, 20261206, runs(150));
    await check(['json'], editedDocument(JSON.parse(read('imports', 'review-findings.json')), false), 20261207, runs(60));
  }, timeout(210));

  it('CSV findings', async () => {
    await check(['csv', 'csv-text'], findingsCsv, 20261208, runs(150));
    await check(['csv'], mutatedText(read('imports', 'pentest-report.csv')), 20261209, runs(60));
  }, timeout(210));

  it('native threat models (YAML and JSON)', async () => {
    const native = YAML.parse(read('threat-models', 'orders-v1.yaml')) as unknown;
    await check(['native', 'threat-model'], editedDocument(native, true), 20261210, runs(120));
    await check(['native'], mutatedText(read('threat-models', 'orders-v1.yaml')), 20261211, runs(60));
  }, timeout(180));

  it('Open Threat Model (YAML and JSON)', async () => {
    await check(['otm', 'threat-model'], editedDocument(YAML.parse(otmFixture) as unknown, true), 20261212, runs(120));
    await check(['otm'], mutatedText(otmFixture), 20261213, runs(60));
  }, timeout(180));

  it('Threat Dragon v2', async () => {
    const dragon = read('threat-models', 'shop.threat-dragon.json');
    await check(['threat-dragon', 'threat-model'], editedDocument(JSON.parse(dragon) as unknown, false), 20261214, runs(120));
    await check(['threat-dragon'], mutatedText(dragon), 20261215, runs(60));
  }, timeout(180));

  it('bytes that are no format at all', async () => {
    await check(['sarif', 'json', 'csv', 'threat-model'], anyBytes, 20261216, runs(100));
  }, timeout(100));
});
