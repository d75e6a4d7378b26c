import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { mutatedJson, mutatedText } from '../support/mutations';
import { resetDatabase, snapshotData, startTestApp, type TestApp } from '../support/test-app';

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'imports', name), 'utf8');

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

  async function postAndCheck(query: string, body: string): Promise<void> {
    const before = await snapshotData(sut);
    const response = await sut.http().post(`/api/v1/imports?${query}`).set('content-type', 'application/octet-stream').send(Buffer.from(body, 'utf8'));
    expect(response.status).toBeLessThan(500);
    expect([201, 400, 413, 415]).toContain(response.status);
    if (response.status !== 201) {
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(typeof response.body.detail).toBe('string');
      expect(await snapshotData(sut)).toBe(before);
    }
  }

  const run = (arbitrary: fc.Arbitrary<string>, query: string, seed: number, numRuns: number) =>
    fc.assert(fc.asyncProperty(arbitrary, (body) => postAndCheck(query, body)), { seed, numRuns, endOnFailure: true });

  it('SARIF: cut, corrupted and type-confused files', async () => {
    const text = fixture('semgrep-two-results.sarif');
    await run(mutatedText(text), 'service=payments-api', 20261125, 60);
    await run(mutatedJson(JSON.parse(text)), 'service=payments-api&format=sarif', 20261126, 60);
  });

  it('JSON findings: cut, corrupted and type-confused files', async () => {
    const text = fixture('review-findings.json');
    await run(mutatedText(text), 'format=json', 20261127, 40);
    await run(mutatedJson(JSON.parse(text)), 'format=json', 20261128, 40);
  });

  it('CSV: cut and corrupted spreadsheets', async () => {
    await run(mutatedText(fixture('pentest-report.csv')), 'format=csv', 20261129, 50);
  });

  it('keeps answering afterwards', async () => {
    await sut.http().get('/api/health').expect(200);
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
      { seed: 20261130, numRuns: 60, endOnFailure: true },
    );
  });

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

  it('native YAML, cut and corrupted: never a server error, never a half-stored model', async () => {
    await fc.assert(fc.asyncProperty(mutatedText(model), (text) => postModel(text, 'native')), { seed: 20261201, numRuns: 50, endOnFailure: true });
  });

  it('native JSON, type-confused: never a server error, never a half-stored model', async () => {
    const json = YAML.parse(model) as unknown;
    await fc.assert(fc.asyncProperty(mutatedJson(json), (text) => postModel(text, 'native')), { seed: 20261202, numRuns: 50, endOnFailure: true });
    await fc.assert(fc.asyncProperty(mutatedJson(json), (text) => postModel(text, 'otm')), { seed: 20261203, numRuns: 30, endOnFailure: true });
    await fc.assert(fc.asyncProperty(mutatedJson(json), (text) => postModel(text, 'threat-dragon')), { seed: 20261204, numRuns: 30, endOnFailure: true });
  });
});
