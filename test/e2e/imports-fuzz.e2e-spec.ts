import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { anyBytes, editedDocument, findingsCsv, findingsJson, sarifLog } from '../support/fuzz/arbitraries';
import { fuzzRuns, fuzzSeed } from '../support/fuzz/parser-sandbox';
import { mutatedJson, mutatedText } from '../support/mutations';
import { resetDatabase, snapshotData, startTestApp, type TestApp } from '../support/test-app';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'imports', name), 'utf8');
/** Short in `npm test`; `npm run fuzz` (ESCAPEMENT_FUZZ_RUNS) makes each property as long as asked, with time to match. */
const runs = (short: number) => fuzzRuns(short);
const timeout = (short: number) => Math.max(60_000, runs(short) * 500);

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
/** Heap in use after a full GC, in MB: what requests left behind. */
function retainedMb(): number {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/**
 * Property: whatever is posted, the answer is never a server error, a rejected upload changes no
 * stored data, and the server keeps answering. Seeds are fixed so failures reproduce.
 */
describe('imports under mutated and truncated input', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ backgroundImportBytes: 10 * 1024 * 1024 });
    await resetDatabase(sut);
    // A stored baseline, so "changes nothing" is checked against real data.
    await sut.http().post('/api/v1/imports?service=payments-api').set('content-type', 'application/octet-stream').send(Buffer.from(fixture('semgrep-two-results.sarif'))).expect(201);
  });
  afterAll(() => sut.close());

  async function postAndCheck(query: string, body: string | Uint8Array): Promise<void> {
    const before = await snapshotData(sut);
    const response = await sut.http().post(`/api/v1/imports?${query}`).set('content-type', 'application/octet-stream').send(typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body));
    expect(response.status).toBeLessThan(500);
    expect([201, 400, 413, 415]).toContain(response.status);
    if (response.status !== 201) {
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(typeof response.body.detail).toBe('string');
      expect(await snapshotData(sut)).toBe(before);
    }
  }

  const run = (arbitrary: fc.Arbitrary<string | Uint8Array>, query: string, seed: number, numRuns: number) =>
    fc.assert(fc.asyncProperty(arbitrary, (body) => postAndCheck(query, body)), { seed: fuzzSeed(seed), numRuns: runs(numRuns), endOnFailure: true });
  let heapBefore = 0;

  it('SARIF: cut, corrupted and type-confused files', async () => {
    heapBefore = retainedMb();
    const text = fixture('semgrep-two-results.sarif');
    await run(mutatedText(text), 'service=payments-api', 20261125, 60);
    await run(mutatedJson(JSON.parse(text)), 'service=payments-api&format=sarif', 20261126, 60);
  }, timeout(120));

  it('SARIF: generated logs, including a broken artifact index kept as a warning', async () => {
    await run(sarifLog, 'service=payments-api', 20261131, 60);
    await run(editedDocument(JSON.parse(fixture('dependency-check-artifact-index.sarif')), false), 'service=orders-api', 20261132, 30);
  }, timeout(90));

  it('JSON findings: cut, corrupted, type-confused and generated files', async () => {
    const text = fixture('review-findings.json');
    await run(mutatedText(text), 'format=json', 20261127, 40);
    await run(mutatedJson(JSON.parse(text)), 'format=json', 20261128, 40);
    await run(findingsJson, 'format=json', 20261133, 40);
  }, timeout(120));

  it('CSV: cut, corrupted and generated spreadsheets', async () => {
    await run(mutatedText(fixture('pentest-report.csv')), 'format=csv', 20261129, 50);
    await run(findingsCsv, 'format=csv', 20261134, 40);
  }, timeout(90));

  it('bytes of no format, in every format', async () => {
    for (const [query, seed] of [['service=payments-api&format=sarif', 20261135], ['format=json', 20261136], ['format=csv', 20261137], ['service=payments-api', 20261138]] as const) {
      await run(anyBytes, query, seed, 15);
    }
  }, timeout(60));

  it('keeps answering afterwards, holding no more memory than a bound', async () => {
    await sut.http().get('/api/health').expect(200);
    expect(retainedMb() - heapBefore).toBeLessThan(128);
  });
});

describe('POST /api/v1/findings under mutated input', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
  });
  afterAll(() => sut.close());

  it('never answers with a server error and never half-stores', async () => {
    const body = JSON.parse(fixture('review-findings.json')) as unknown[];
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedJson(body), mutatedText(JSON.stringify(body))), async (text) => {
        const before = await snapshotData(sut);
        const response = await sut.http().post('/api/v1/findings').set('content-type', 'application/json').send(text);
        expect([200, 400, 413]).toContain(response.status);
        if (response.status !== 200) expect(await snapshotData(sut)).toBe(before);
      }),
      { seed: fuzzSeed(20261130), numRuns: runs(60), endOnFailure: true },
    );
  }, timeout(60));

  it('refuses absurdly deep JSON with a 400, not a crash', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const response = await sut.http().post('/api/v1/findings').set('content-type', 'application/json').send(deep);
    expect(response.status).toBe(400);
    expect(response.body.detail).toMatch(/deeper than 64 levels \(line 1, column 65\)/);
    const upload = await sut.http().post('/api/v1/imports?format=json').set('content-type', 'application/octet-stream').send(Buffer.from(deep));
    expect(upload.status).toBe(400);
    expect(upload.body.detail).toMatch(/deep|depth|nest/i);
    await sut.http().get('/api/health').expect(200);
  });
});

describe('POST /api/v1/threat-models under mutated input', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
  });
  afterAll(() => sut.close());

  const model = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'threat-models', 'orders-v1.yaml'), 'utf8');

  async function postModel(text: string, format: string): Promise<void> {
    const before = await snapshotData(sut);
    const response = await sut.http().post(`/api/v1/threat-models?service=payments-api&format=${format}&effectiveFrom=2026-01-01`).set('content-type', 'application/octet-stream').send(Buffer.from(text, 'utf8'));
    expect(response.status).toBeLessThan(500);
    if (response.status >= 400) expect(await snapshotData(sut)).toBe(before);
  }

  const check = (arbitrary: fc.Arbitrary<string>, format: string, seed: number, numRuns: number) =>
    fc.assert(fc.asyncProperty(arbitrary, (text) => postModel(text, format)), { seed: fuzzSeed(seed), numRuns: runs(numRuns), endOnFailure: true });

  it('native YAML, cut and corrupted: never a server error, never a half-stored model', async () => {
    await check(mutatedText(model), 'native', 20261201, 50);
  }, timeout(50));

  it('native JSON, type-confused: never a server error, never a half-stored model', async () => {
    const json = YAML.parse(model) as unknown;
    await check(mutatedJson(json), 'native', 20261202, 50);
    await check(mutatedJson(json), 'otm', 20261203, 30);
    await check(mutatedJson(json), 'threat-dragon', 20261204, 30);
  }, timeout(110));

  it('Open Threat Model and Threat Dragon files with hostile edits: never a server error, never a half-stored model', async () => {
    const otm = fs.readFileSync(path.join(__dirname, '..', '..', 'libs', 'domain', 'src', 'threat-models', 'fixtures', 'shop.otm.yaml'), 'utf8');
    const dragon = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'threat-models', 'shop.threat-dragon.json'), 'utf8');
    await check(editedDocument(YAML.parse(otm) as unknown, true), 'otm', 20261205, 30);
    await check(editedDocument(JSON.parse(dragon) as unknown, false), 'threat-dragon', 20261206, 30);
    await check(editedDocument(YAML.parse(model) as unknown, true), 'native', 20261207, 30);
  }, timeout(90));
});
