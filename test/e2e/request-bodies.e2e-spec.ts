import { aFinding } from '../support/findings-fixture';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

const raw = (body: unknown) => body as string;

/** JSON bodies go wrong in many ways; each is a 4xx problem that says what, never a 404 or a 5xx. */
describe('request bodies', () => {
  let sut: TestApp;
  beforeAll(async () => {
    // The app as production builds it, dashboard included: its static-file handler once turned these into 404s.
    sut = await startTestApp({ maxBodyBytes: 1024 * 1024 });
  });
  beforeEach(() => resetDatabase(sut));
  afterAll(() => sut.close());

  it('answers broken JSON with 400 and the line and column, on a login too', async () => {
    const login = await sut.anonymous().post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email": "a@b.c",\n  bad}').expect(400);
    expect(login.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(login.body).toMatchObject({ type: 'urn:escapement:problem:validation_failed', status: 400, errors: [{ line: 2, column: 3 }] });
    expect(login.body.detail).toMatch(/not valid JSON.*\(line 2, column 3\)/);

    const team = await sut.http().post('/api/v1/teams').set('content-type', 'application/json').send('{bad').expect(400);
    expect(team.body).toMatchObject({ type: 'urn:escapement:problem:validation_failed', errors: [{ line: 1, column: 2 }] });
    await sut.http().post('/api/v1/teams').set('content-type', 'application/json').send('{"name": "Pay').expect(400);
    expect(await sut.sql('SELECT * FROM teams')).toEqual([]);
  });

  it('refuses JSON nested 100,000 deep with 400 at the first level too deep, without parsing it', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const answer = await sut.anonymous().post('/api/v1/auth/login').set('content-type', 'application/json').send(deep).expect(400);
    expect(answer.body).toMatchObject({ type: 'urn:escapement:problem:validation_failed', errors: [{ line: 1, column: 65, message: 'nesting deeper than 64' }] });
    const health = await sut.anonymous().get('/api/health');
    expect(health.status).toBe(200);
  });

  it('answers a body over the limit with 413, and a charset other than UTF-8 with 415', async () => {
    const big = JSON.stringify({ email: 'x'.repeat(1024 * 1024), password: 'p' });
    const tooLarge = await sut.anonymous().post('/api/v1/auth/login').set('content-type', 'application/json').send(big).expect(413);
    expect(tooLarge.body).toMatchObject({ type: 'urn:escapement:problem:payload_too_large', status: 413 });
    expect(tooLarge.body.detail).toMatch(/larger than the 1 MB/);

    for (const charset of ['utf-16', 'UTF-16LE', 'latin1', 'iso-8859-1', 'utf8']) {
      const wrong = await sut.anonymous().post('/api/v1/auth/login').set('content-type', `application/json; charset=${charset}`).send('{}').expect(415);
      expect(wrong.body).toMatchObject({ type: 'urn:escapement:problem:unsupported_media_type', status: 415 });
      expect(wrong.body.detail).toContain(`charset "${charset}"`);
    }
    const notGzip = await sut.anonymous().post('/api/v1/auth/login').set('content-type', 'application/json').set('content-encoding', 'gzip').send('{"email": "a@b.c"}').expect(400);
    expect(notGzip.body).toMatchObject({ type: 'urn:escapement:problem:validation_failed', status: 400 });
    await sut.anonymous().post('/api/v1/auth/login').set('content-type', 'application/json').set('content-encoding', 'compress').send('{}').expect(415);
    // UTF-8, however it is spelled, is read.
    for (const charset of ['utf-8', 'UTF-8', '"utf-8"']) {
      await sut.anonymous().post('/api/v1/auth/login').set('content-type', `application/json; charset=${charset}`).send({ email: 'nobody@example.com', password: 'wrong password' }).expect(401);
    }
  });

  it('hands a threat-model upload sent as application/json to its handler unread', async () => {
    const model = {
      escapementThreatModel: 1,
      name: 'Orders service',
      components: [{ key: 'orders-api', name: 'Orders API', layer: 'product', match: { services: ['payments-api'], paths: ['src/orders/**'] } }],
    };
    const created = await sut.http().post('/api/v1/threat-models?service=payments-api&effectiveFrom=2026-01-01&fileName=orders.json').set('content-type', 'application/json').send(JSON.stringify(model)).expect(201);
    expect(created.body).toMatchObject({ created: true, model: { service: 'payments-api', name: 'Orders service' }, version: { version: 1, counts: { components: 1 } } });
    // The same path as express routes it: any case, a trailing slash.
    const again = await sut.http().post('/api/v1/Threat-Models/?service=payments-api&effectiveFrom=2026-01-01&fileName=orders.json').set('content-type', 'application/json').send(JSON.stringify(model)).expect(200);
    expect(again.body).toMatchObject({ created: false, version: { version: 1 } });
  });

  it('hands JSON findings to the imports handler whatever the path’s case or trailing slash', async () => {
    for (const [i, path] of ['/api/v1/imports', '/api/v1/imports/', '/api/v1/IMPORTS', '/API/V1/Imports/'].entries()) {
      const answer = await sut
        .http()
        .post(`${path}?service=payments-api`)
        .set('content-type', 'application/json')
        .serialize(raw)
        .send(JSON.stringify([aFinding({ fingerprint: `fp-${i}` })]));
      expect({ path, status: answer.status, created: answer.body.findings?.created }).toEqual({ path, status: 201, created: 1 });
    }
    expect((await sut.sql<{ n: number }>('SELECT count(*)::int AS n FROM findings'))[0].n).toBe(4);
  });
});
