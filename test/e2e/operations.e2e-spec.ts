import { PassThrough } from 'node:stream';
import { aFinding } from '../support/findings-fixture';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

/** Every JSON line the app logged, as it would reach a log collector. */
function logLines(lines: string[]): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('operations: request logs', () => {
  let sut: TestApp;
  const captured: string[] = [];
  beforeAll(async () => {
    const destination = new PassThrough();
    let pending = '';
    destination.on('data', (chunk: Buffer) => {
      const parts = (pending + chunk.toString()).split('\n');
      pending = parts.pop()!;
      captured.push(...parts.filter(Boolean));
    });
    sut = await startTestApp({ logLevel: 'info', logFormat: 'json' }, { logDestination: destination });
    await resetDatabase(sut);
  });
  afterAll(() => sut.close());

  const linesOf = (requestId: string) => logLines(captured).filter((line) => line.requestId === requestId);

  it('keeps a sane X-Request-Id, echoes it, and logs the request under it without its credentials', async () => {
    const session = await sut.asUser({ role: 'admin' });
    const response = await session.http.get('/api/v1/teams').set('X-Request-Id', 'ci-run-42.step:7').expect(200);
    expect(response.headers['x-request-id']).toBe('ci-run-42.step:7');
    const lines = linesOf('ci-run-42.step:7');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, req: { method: 'GET', path: '/api/v1/teams' }, res: { statusCode: 200 } });
    expect(lines[0].msg).toMatch(/^GET \/api\/v1\/teams 200 \d+ ms$/);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(session.cookie.split(';')[0].split('=')[1]);
    expect(text).not.toContain(session.csrfToken);
    expect(text).not.toMatch(/cookie|authorization/i);
  });

  it('logs no token sent as a bearer credential', async () => {
    const { http, secret } = await sut.asToken({ scopes: ['read'] });
    await http.get('/api/v1/findings').set('X-Request-Id', 'token-call').expect(200);
    expect(linesOf('token-call')).toHaveLength(1);
    expect(captured.join('\n')).not.toContain(secret);
  });

  it('replaces an id that is not sane with a new one', async () => {
    const response = await sut.anonymous().get('/api/v1/teams').set('X-Request-Id', 'has spaces "and quotes"').expect(401);
    const id = response.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(linesOf(id)).toEqual([expect.objectContaining({ level: 40, res: { statusCode: 401 } })]);
    expect(captured.join('\n')).not.toContain('has spaces');
  });

  it('gives the body parser\'s refusals an id and a line too', async () => {
    const response = await sut.http().post('/api/v1/teams').set('content-type', 'application/json').send('{"name":').expect(400);
    expect(linesOf(response.headers['x-request-id'] as string)).toHaveLength(1);
  });

  it('stays silent at the silent level', async () => {
    const quiet = await startTestApp();
    try {
      const before = captured.length;
      await quiet.http().get('/api/v1/teams').expect(200);
      expect(captured.length).toBe(before);
    } finally {
      await quiet.close();
    }
  });

  it('logs an upload of findings', async () => {
    await sut.http().post('/api/v1/findings').set('X-Request-Id', 'upload-1').send([aFinding()]).expect(200);
    expect(linesOf('upload-1')).toEqual([expect.objectContaining({ req: expect.objectContaining({ method: 'POST', path: '/api/v1/findings' }) })]);
  });
});
