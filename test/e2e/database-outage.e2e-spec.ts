import { OutageProxy } from '../support/outage-proxy';
import { resetDatabase, startTestApp, testDatabaseUrl, type TestApp } from '../support/test-app';

/** The database goes away and comes back: quick 503s meanwhile, health says so, service resumes alone. */
describe('a database outage', () => {
  let proxy: OutageProxy;
  let sut: TestApp;
  beforeAll(async () => {
    const url = new URL(testDatabaseUrl());
    proxy = new OutageProxy(url.hostname, Number(url.port || 5432));
    const port = await proxy.start();
    url.hostname = '127.0.0.1';
    url.port = String(port);
    sut = await startTestApp({ databaseUrl: url.toString() });
    await resetDatabase(sut);
    await sut.http().post('/api/v1/teams').send({ name: 'Before the outage' }).expect(201);
  });
  afterAll(async () => {
    await sut.close();
    await proxy.stop();
  });

  it('answers 503 quickly while the database is down, reports it in health, and recovers by itself', async () => {
    await proxy.cut();
    const started = Date.now();
    const teams = await sut.http().get('/api/v1/teams');
    expect(teams.status).toBe(503);
    expect(teams.headers['content-type']).toMatch(/problem\+json/);
    expect(teams.body.detail).toMatch(/database is unavailable/i);
    expect(JSON.stringify(teams.body)).not.toMatch(/ECONNREFUSED|at \w+ \(|SELECT/);
    const health = await sut.http().get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.database.status).toBe('down');
    const posted = await sut.http().post('/api/v1/teams').send({ name: 'During the outage' });
    expect(posted.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(8_000);

    await proxy.restore();
    let status = 0;
    // Polled until it recovers, however long a busy machine takes (the test's own timeout is the bound).
    while (status !== 200) {
      status = (await sut.http().get('/api/health')).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    const after = (await sut.http().get('/api/v1/teams').expect(200)).body.map((t: { name: string }) => t.name);
    expect(after).toEqual(['Before the outage']);
  });
});
