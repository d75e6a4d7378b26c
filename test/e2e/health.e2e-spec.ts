import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

describe('health and API description', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
  });
  afterAll(() => sut.close());

  it('reports the database as up', async () => {
    const response = await sut.http().get('/api/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.database.status).toBe('up');
    expect(typeof response.body.database.latencyMs).toBe('number');
  });

  it('serves an OpenAPI document generated from the code', async () => {
    const response = await sut.http().get('/api/docs/json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/v1/teams', '/api/v1/services', '/api/v1/adoptions', '/api/v1/findings', '/api/v1/metrics/escape-rate']),
    );
    await sut.http().get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('answers unknown routes with a problem document', async () => {
    const response = await sut.http().get('/api/v1/nothing-here').expect(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, title: 'Not Found' });
  });
});
