import * as fs from 'node:fs';
import * as path from 'node:path';
import { aFinding } from '../support/findings-fixture';
import { resetDatabase, snapshotData, startTestApp, type TestApp } from '../support/test-app';

const fixture = (folder: string, name: string) => fs.readFileSync(path.join(__dirname, '..', 'fixtures', folder, name));
const raw = (body: unknown) => body as string;
const names = (items: { name?: string; serviceName?: string }[]) => items.map((i) => i.name ?? i.serviceName).sort();

/**
 * Team A's people and tokens see and write team A's services only. Another team's finding is answered
 * 404 by id (its existence is not confirmed); an upload naming another team's service is 403.
 */
describe('team-limited callers', () => {
  let sut: TestApp;
  let teamA: { id: string };
  let teamB: { id: string };
  let findingOfB: string;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(sut);
    teamA = (await sut.http().post('/api/v1/teams').send({ name: 'Team A' }).expect(201)).body;
    teamB = (await sut.http().post('/api/v1/teams').send({ name: 'Team B' }).expect(201)).body;
    await sut.http().post('/api/v1/services').send({ name: 'a-api', teamId: teamA.id }).expect(201);
    await sut.http().post('/api/v1/services').send({ name: 'b-api', teamId: teamB.id }).expect(201);
    await sut.http().post('/api/v1/services').send({ name: 'unowned-api' }).expect(201);
    await sut.http().post('/api/v1/findings').send([aFinding({ service: 'a-api', fingerprint: 'a1' }), aFinding({ service: 'b-api', fingerprint: 'b1' }), aFinding({ service: 'unowned-api', fingerprint: 'u1' })]).expect(200);
    [{ id: findingOfB }] = await sut.sql<{ id: string }>(`SELECT f.id FROM findings f JOIN services s ON s.id = f.service_id WHERE s.name = 'b-api'`);
    await sut.http().post('/api/v1/threat-models?service=b-api&effectiveFrom=2026-01-01').set('content-type', 'application/yaml').serialize(raw).send(fixture('threat-models', 'orders-v1.yaml')).expect(201);
  });
  afterAll(() => sut.close());

  it('shows a manager of team A only team A: lists, details, metrics, models and imports', async () => {
    const manager = await sut.asUser({ role: 'manager', teamIds: [teamA.id] });
    expect(names((await manager.http.get('/api/v1/findings').expect(200)).body.items)).toEqual(['a-api']);
    const missing = await manager.http.get(`/api/v1/findings/${findingOfB}`).expect(404);
    expect(missing.body.detail).toBe(`Finding ${findingOfB} does not exist`);
    expect(names((await manager.http.get('/api/v1/services').expect(200)).body)).toEqual(['a-api']);
    expect(names((await manager.http.get('/api/v1/teams').expect(200)).body)).toEqual(['Team A']);
    const byService = (await manager.http.get('/api/v1/metrics/escape-rate?groupBy=service').expect(200)).body;
    expect(byService.series.map((s: { key: string }) => s.key)).toEqual(['a-api']);
    const gaps = (await manager.http.get('/api/v1/metrics/gaps?groupBy=service').expect(200)).body;
    expect(gaps.series.map((s: { key: string }) => s.key).filter((k: string) => k !== 'a-api')).toEqual([]);
    expect((await manager.http.get('/api/v1/threat-models').expect(200)).body).toEqual([]);
    const [model] = (await sut.http().get('/api/v1/threat-models').expect(200)).body;
    await manager.http.get(`/api/v1/threat-models/${model.id}`).expect(404);
    await manager.http.get(`/api/v1/threat-models/${model.id}/threats`).expect(404);
    await manager.http.get(`/api/v1/threat-models/${model.id}/versions/1`).expect(404);
    // The findings of the setup were one import spanning three services: it belongs to no single team.
    expect((await manager.http.get('/api/v1/imports').expect(200)).body.items.every((i: { service: string | null }) => i.service === 'a-api')).toBe(true);
    // Asking for the other team by filter gives nothing rather than an error.
    expect((await manager.http.get(`/api/v1/findings?team=${teamB.id}`).expect(200)).body.items).toEqual([]);
  });

  it('shows a viewer without teams, and security leads, the whole organisation', async () => {
    for (const caller of [await sut.asUser({ role: 'viewer' }), await sut.asUser({ role: 'security_lead' })]) {
      expect(names((await caller.http.get('/api/v1/findings').expect(200)).body.items)).toEqual(['a-api', 'b-api', 'unowned-api']);
      await caller.http.get(`/api/v1/findings/${findingOfB}`).expect(200);
    }
  });

  it('lets a team token write to its team only; a service it names first joins its team', async () => {
    const token = await sut.asToken({ scopes: ['findings:write', 'read'], teamId: teamA.id, name: 'ci-team-a' });
    const before = await snapshotData(sut);
    for (const service of ['b-api', 'unowned-api']) {
      const refused = await token.http.post('/api/v1/findings').send([aFinding({ service, fingerprint: 'x' })]).expect(403);
      expect(refused.body).toMatchObject({ type: 'urn:escapement:problem:forbidden' });
      expect(refused.body.detail).toContain(service);
      await token.http.post(`/api/v1/imports?service=${service}`).set('content-type', 'application/octet-stream').serialize(raw).send(fixture('imports', 'semgrep-two-results.sarif')).expect(403);
    }
    // A JSON upload naming the other team's service in a row is refused whole.
    await token.http.post('/api/v1/imports?format=json').set('content-type', 'application/json').serialize(raw).send(Buffer.from(JSON.stringify([aFinding({ service: 'a-api', fingerprint: 'ok' }), aFinding({ service: 'b-api', fingerprint: 'no' })]))).expect(403);
    expect(await snapshotData(sut)).toBe(before);

    await token.http.post('/api/v1/findings').send([aFinding({ service: 'a-api', fingerprint: 'a2' }), aFinding({ service: 'new-api', fingerprint: 'n1' })]).expect(200);
    const upload = await token.http.post('/api/v1/imports?service=a-api').set('content-type', 'application/octet-stream').serialize(raw).send(fixture('imports', 'semgrep-two-results.sarif')).expect(201);
    expect(await sut.sql(`SELECT t.name AS team FROM services s JOIN teams t ON t.id = s.team_id WHERE s.name = 'new-api'`)).toEqual([{ team: 'Team A' }]);
    expect(names((await token.http.get('/api/v1/findings?limit=500').expect(200)).body.items)).toEqual(['a-api', 'a-api', 'a-api', 'a-api', 'new-api']);
    await token.http.get(`/api/v1/findings/${findingOfB}`).expect(404);
    expect(await sut.sql(`SELECT DISTINCT received_by FROM imports WHERE id = $1`, [upload.body.id])).toEqual([{ received_by: 'token:ci-team-a' }]);

    const models = await sut.asToken({ scopes: ['threat-models:write'], teamId: teamA.id });
    await models.http.post('/api/v1/threat-models?service=b-api&effectiveFrom=2026-02-01').set('content-type', 'application/yaml').serialize(raw).send(fixture('threat-models', 'orders-v1.yaml')).expect(403);
    await models.http.post('/api/v1/threat-models?service=a-api&effectiveFrom=2026-02-01').set('content-type', 'application/yaml').serialize(raw).send(fixture('threat-models', 'orders-v1.yaml')).expect(201);
  });

  it('shows a write-only token its own uploads, to poll them, and nothing else', async () => {
    const writer = await sut.asToken({ scopes: ['findings:write'], name: 'ci-writer' });
    const upload = await writer.http.post('/api/v1/imports?service=a-api').set('content-type', 'application/octet-stream').serialize(raw).send(fixture('imports', 'semgrep-two-results.sarif')).expect(201);
    await writer.http.get(`/api/v1/imports/${upload.body.id}`).expect(200);
    const [other] = await sut.sql<{ id: string }>(`SELECT id FROM imports WHERE received_by = 'token:e2e-admin' LIMIT 1`);
    await writer.http.get(`/api/v1/imports/${other.id}`).expect(404);
    await writer.http.get('/api/v1/imports').expect(403);
    await writer.http.get('/api/v1/findings').expect(403);
  });

  it('lets a manager record adoptions for their own teams only', async () => {
    const manager = await sut.asUser({ role: 'manager', teamIds: [teamA.id] });
    await manager.http.post('/api/v1/adoptions').send({ teamId: teamA.id, practice: 'context-aware-development', startedAt: '2026-02-01' }).expect(201);
    const other = await manager.http.post('/api/v1/adoptions').send({ teamId: teamB.id, practice: 'context-aware-development', startedAt: '2026-02-01' }).expect(403);
    expect(other.body.type).toBe('urn:escapement:problem:forbidden');
    const [{ id: serviceOfB }] = await sut.sql<{ id: string }>(`SELECT id FROM services WHERE name = 'b-api'`);
    await manager.http.post('/api/v1/adoptions').send({ serviceId: serviceOfB, practice: 'x', startedAt: '2026-02-01' }).expect(403);
    await sut.http().post('/api/v1/adoptions').send({ teamId: teamB.id, practice: 'context-aware-development', startedAt: '2026-03-01' }).expect(201);
    expect((await manager.http.get('/api/v1/adoptions').expect(200)).body.map((a: { teamName: string }) => a.teamName)).toEqual(['Team A']);
  });

  it('gives a manager the same answer for another team’s service or team and for one that does not exist', async () => {
    const manager = await sut.asUser({ role: 'manager', teamIds: [teamA.id] });
    const [{ id: serviceOfB }] = await sut.sql<{ id: string }>(`SELECT id FROM services WHERE name = 'b-api'`);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const answer = async (body: Record<string, string>) => {
      const response = await manager.http.post('/api/v1/adoptions').send({ ...body, practice: 'context-aware-development', startedAt: '2026-02-01' });
      return { status: response.status, type: response.body.type, detail: response.body.detail, errors: response.body.errors };
    };
    const foreignService = await answer({ serviceId: serviceOfB });
    expect(foreignService).toMatchObject({ status: 403, type: 'urn:escapement:problem:forbidden' });
    expect(await answer({ serviceId: unknown })).toEqual(foreignService);
    const foreignTeam = await answer({ teamId: teamB.id });
    expect(foreignTeam).toEqual(foreignService);
    expect(await answer({ teamId: unknown })).toEqual(foreignTeam);
    // Someone organisation-wide learns nothing new from being told the id is wrong.
    const admin = await sut.http().post('/api/v1/adoptions').send({ serviceId: unknown, practice: 'x', startedAt: '2026-02-01' }).expect(400);
    expect(admin.body.errors).toEqual([{ pointer: '/serviceId', message: 'no such service' }]);
  });
});
