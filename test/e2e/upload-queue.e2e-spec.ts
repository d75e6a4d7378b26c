import * as zlib from 'node:zlib';
import { loadAppConfig } from '../../apps/api/src/config/app-config';
import { IMPORT_QUEUE } from '../../apps/api/src/imports/import-worker';
import { UploadBudget } from '../../apps/api/src/imports/upload-budget';
import { JobQueue } from '../../apps/api/src/jobs/job-queue';
import { waitForBackgroundImports } from '../support/background-imports';
import { aFinding } from '../support/findings-fixture';
import { resetDatabase, snapshotData, startTestApp, type TestApp } from '../support/test-app';

/** A JSON findings file of about `kb` KB (padded with white space), stored in the background above 64 KB. */
function findingsFile(kb: number, fingerprint: string): Buffer {
  const finding = JSON.stringify(aFinding({ fingerprint }));
  return Buffer.from(`[${' '.repeat(kb * 1024 - finding.length - 2)}${finding}]`);
}

const raw = (body: unknown) => body as string;

/** Bytes of background imports waiting in the database queue. */
async function waitingBytes(sut: TestApp): Promise<number> {
  const [{ n }] = await sut.sql<{ n: number }>(`SELECT coalesce(sum(octet_length(bytes)), 0)::int AS n FROM import_uploads`);
  return n;
}

/**
 * Uploads waiting for the background queue hold space. With the bounds set small through the environment,
 * a sender past its share, or any sender past the server's total, is refused with 429 and Retry-After
 * (and nothing of the refused upload is stored), until the queue has stored enough to make room.
 */
describe('upload queue bounds', () => {
  let sut: TestApp;
  const env = { ESCAPEMENT_MAX_BODY: '200kb', ESCAPEMENT_BACKGROUND_IMPORT: '64kb', ESCAPEMENT_UPLOAD_QUEUE_PER_SENDER: '300kb', ESCAPEMENT_UPLOAD_QUEUE_TOTAL: '500kb' };

  beforeAll(async () => {
    const { maxBodyBytes, backgroundImportBytes, uploadQueuePerSenderBytes, uploadQueueTotalBytes } = loadAppConfig(env);
    sut = await startTestApp({ maxBodyBytes, backgroundImportBytes, uploadQueuePerSenderBytes, uploadQueueTotalBytes });
    await resetDatabase(sut);
  });
  afterAll(async () => {
    await sut.close();
  });

  it('refuses a sender past its share and everyone past the total, then takes uploads again once the queue moves', async () => {
    const queue = sut.app.get(JobQueue);
    const budget = sut.app.get(UploadBudget);
    // Holds the queue still, so the uploads below are all waiting at once, whatever the machine's speed.
    await queue.pause(IMPORT_QUEUE);
    const [a, b, c] = [await sut.asToken({ scopes: ['findings:write'] }), await sut.asToken({ scopes: ['findings:write'] }), await sut.asToken({ scopes: ['findings:write'] })];
    const post = (http: typeof a.http, body: Buffer, contentType = 'application/octet-stream') =>
      http.post('/api/v1/imports?format=json').set('content-type', contentType).serialize(raw).send(body);

    await post(a.http, findingsFile(150, 'a1')).expect(202);
    await post(a.http, findingsFile(150, 'a2')).expect(202);
    const before = await snapshotData(sut);
    const own = await post(a.http, findingsFile(150, 'a3')).expect(429);
    expect(own.headers['retry-after']).toBe('30');
    expect(own.body).toMatchObject({ type: 'urn:escapement:problem:rate_limited', status: 429 });
    expect(own.body.detail).toMatch(/^This sender already has 300 KB of uploads waiting to be stored; the limit is 300 KB per sender/);
    // Announced or not (gzip bodies are counted as they inflate), the bound is the same.
    const gzipped = await a.http.post('/api/v1/imports?format=json').set('content-type', 'application/octet-stream').set('content-encoding', 'gzip').serialize(raw).send(zlib.gzipSync(findingsFile(100, 'a4')));
    expect(gzipped.status).toBe(429);
    expect(await snapshotData(sut)).toBe(before);

    await post(b.http, findingsFile(150, 'b1')).expect(202);
    const total = await post(c.http, findingsFile(150, 'c1')).expect(429);
    expect(total.headers['retry-after']).toBe('30');
    expect(total.body.detail).toMatch(/^The server already holds 450 KB of uploads waiting to be stored; its limit is 500 KB/);
    // Small uploads spool too: one that fits is stored at once.
    await post(c.http, Buffer.from(JSON.stringify([aFinding({ fingerprint: 'c-small' })]))).expect(201);
    // The waiting files are in the database, where every instance counts them; nothing is held in this process.
    expect(await waitingBytes(sut)).toBe(3 * 150 * 1024);
    expect(budget.heldBytes()).toBe(0);

    await queue.resume(IMPORT_QUEUE);
    await waitForBackgroundImports(sut);
    expect(await waitingBytes(sut)).toBe(0);
    expect(await sut.sql(`SELECT status, count(*)::int AS n FROM imports GROUP BY status`)).toEqual([{ status: 'completed', n: 4 }]);
    expect((await sut.sql<{ fingerprint: string }>(`SELECT fingerprint FROM findings ORDER BY fingerprint`)).map((r) => r.fingerprint)).toEqual(['a1', 'a2', 'b1', 'c-small']);
    await post(a.http, findingsFile(150, 'a3')).expect(202);
    await post(c.http, findingsFile(150, 'c1')).expect(202);
    await waitForBackgroundImports(sut);
    expect(await waitingBytes(sut)).toBe(0);
  });
});
