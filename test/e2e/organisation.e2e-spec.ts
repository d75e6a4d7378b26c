import { resetDatabase, snapshotData, startTestApp, type TestApp } from '../support/test-app';

describe('teams, services and adoptions', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  beforeEach(() => resetDatabase(sut));
  afterAll(() => sut.close());

  it('creates and lists teams, services and adoptions', async () => {
    const team = (await sut.http().post('/api/v1/teams').send({ name: 'Payments' }).expect(201)).body;
    expect(team).toMatchObject({ id: expect.any(String), name: 'Payments' });
    const service = (
      await sut.http().post('/api/v1/services').send({ name: 'payments-api', teamId: team.id, repositoryPatterns: ['github.com/acme/payments-*'] }).expect(201)
    ).body;
    expect(service).toMatchObject({ name: 'payments-api', teamId: team.id, teamName: 'Payments', repositoryPatterns: ['github.com/acme/payments-*'] });
    const adoption = (await sut.http().post('/api/v1/adoptions').send({ teamId: team.id, practice: 'context-aware-development', startedAt: '2026-02-01' }).expect(201)).body;
    expect(adoption).toMatchObject({ teamId: team.id, teamName: 'Payments', serviceId: null, practice: 'context-aware-development', startedAt: '2026-02-01' });

    expect((await sut.http().get('/api/v1/teams').expect(200)).body.map((t: { name: string }) => t.name)).toEqual(['Payments']);
    expect((await sut.http().get('/api/v1/services').expect(200)).body).toHaveLength(1);
    expect((await sut.http().get('/api/v1/adoptions').expect(200)).body).toHaveLength(1);
  });

  it('refuses a duplicate team name with 409 and keeps one row', async () => {
    await sut.http().post('/api/v1/teams').send({ name: 'Identity' }).expect(201);
    const response = await sut.http().post('/api/v1/teams').send({ name: 'Identity' }).expect(409);
    expect(response.body.detail).toContain('Identity');
    expect(await sut.sql('SELECT * FROM teams')).toHaveLength(1);
  });

  it('names the bad field of an invalid request and stores nothing', async () => {
    const before = await snapshotData(sut);
    const response = await sut.http().post('/api/v1/services').send({ name: '', teamId: 'not-a-uuid', colour: 'red' }).expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const pointers = response.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/name', '/teamId', '/colour']));
    expect(await snapshotData(sut)).toBe(before);
  });

  it('requires an adoption to name exactly one team or service, and a real date', async () => {
    const team = (await sut.http().post('/api/v1/teams').send({ name: 'Mobile' }).expect(201)).body;
    const both = await sut.http().post('/api/v1/adoptions').send({ practice: 'x', startedAt: '2026-01-01' }).expect(400);
    expect(both.body.detail).toMatch(/exactly one team or one service/);
    const badDate = await sut.http().post('/api/v1/adoptions').send({ teamId: team.id, practice: 'x', startedAt: '2026-13-01' }).expect(400);
    expect(badDate.body.errors[0].pointer).toBe('/startedAt');
    const unknownTeam = await sut.http().post('/api/v1/adoptions').send({ teamId: '00000000-0000-4000-8000-000000000000', practice: 'x', startedAt: '2026-01-01' }).expect(400);
    expect(unknownTeam.body.errors[0].pointer).toBe('/teamId');
    expect(await sut.sql('SELECT * FROM adoptions')).toHaveLength(0);
  });

  it('corrects and retires an adoption, keeping it and auditing both', async () => {
    const team = (await sut.http().post('/api/v1/teams').send({ name: 'Data' }).expect(201)).body;
    const adoption = (await sut.http().post('/api/v1/adoptions').send({ teamId: team.id, practice: 'context-aware-development', startedAt: '2026-02-01' }).expect(201)).body;
    expect(adoption.retiredAt).toBeNull();
    const moved = (await sut.http().patch(`/api/v1/adoptions/${adoption.id}`).send({ startedAt: '2026-02-15' }).expect(200)).body;
    expect(moved).toMatchObject({ startedAt: '2026-02-15', practice: 'context-aware-development' });
    await sut.http().post(`/api/v1/adoptions/${adoption.id}/retire`).send({ retiredAt: '2026-01-01' }).expect(400);
    const retired = (await sut.http().post(`/api/v1/adoptions/${adoption.id}/retire`).send({ retiredAt: '2026-09-30' }).expect(201)).body;
    expect(retired.retiredAt).toBe('2026-09-30');
    await sut.http().patch(`/api/v1/adoptions/${adoption.id}`).send({ startedAt: '2026-10-01' }).expect(400);
    await sut.http().patch(`/api/v1/adoptions/${adoption.id}`).send({ startedAt: 'soon' }).expect(400);
    await sut.http().patch('/api/v1/adoptions/00000000-0000-4000-8000-000000000000').send({ practice: 'x' }).expect(404);
    expect((await sut.http().get('/api/v1/adoptions').expect(200)).body).toEqual([expect.objectContaining({ id: adoption.id, retiredAt: '2026-09-30' })]);
    expect((await sut.sql<{ action: string }>(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [adoption.id])).map((r) => r.action)).toEqual(['adoption.created', 'adoption.updated', 'adoption.retired']);
  });
});
