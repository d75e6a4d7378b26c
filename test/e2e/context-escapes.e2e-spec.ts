import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContextPackDto } from '@escapement/domain';
import { aFinding } from '../support/findings-fixture';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

const model = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'threat-models', 'orders-v1.yaml'));

/** A pack lists the escapes of its own components, however many more recent ones other components have. */
describe('past escapes in a context pack', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
    await sut.http().post('/api/v1/threat-models?service=payments-api&effectiveFrom=2025-01-01').set('content-type', 'application/yaml').serialize((b: unknown) => b as string).send(model).expect(201);
    const busy = Array.from({ length: 520 }, (_, i) =>
      aFinding({ fingerprint: `orders-${i}`, stage: 'production', sourceKind: 'bug_bounty', detectedAt: '2026-05-01T00:00:00Z', location: { repo: null, path: `src/orders/f${i}.ts`, line: 1 } }),
    );
    const quiet = aFinding({ fingerprint: 'billing-1', title: 'Invoice of another customer', stage: 'production', sourceKind: 'bug_bounty', detectedAt: '2026-01-01T00:00:00Z', introducedAt: '2025-12-01T00:00:00Z', location: { repo: null, path: 'src/billing/invoice.ts', line: 1 } });
    const posted = await sut.http().post('/api/v1/findings').send([...busy, quiet]);
    expect(posted.body.detail ?? '').toBe('');
    expect(posted.status).toBe(200);
  });
  afterAll(() => sut.close());

  it('lists a quiet component\'s escape beside a busy one', async () => {
    const pack = (await sut.http().get('/api/v1/context-packs?service=payments-api&path=src/billing/invoice.ts&format=json').expect(200)).body as ContextPackDto;
    expect(pack.components.map((c) => c.key)).toEqual(['billing']);
    expect(pack.escapeCount).toBe(1);
    expect(pack.escapes.map((e) => e.title)).toEqual(['Invoice of another customer']);
    const busy = (await sut.http().get('/api/v1/context-packs?service=payments-api&component=orders-api&format=json&maxChars=1000000').expect(200)).body as ContextPackDto;
    expect(busy.escapeCount).toBe(520);
    expect(busy.escapes).toHaveLength(500);
  });
});
