import { aFinding } from '../support/findings-fixture';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

describe('GET /api/v1/audit-events', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  beforeEach(() => resetDatabase(sut));
  afterAll(() => sut.close());

  it('records who did what, newest first, pages by cursor and filters by action', async () => {
    const admin = await sut.asUser({ role: 'admin' });
    const created = (await admin.http.post('/api/v1/users').send({ email: 'lee@example.com', role: 'viewer' }).expect(201)).body;
    await admin.http.patch(`/api/v1/users/${created.user.id}`).send({ role: 'security_lead' }).expect(200);
    const token = (await admin.http.post('/api/v1/tokens').send({ name: 'ci', scopes: ['findings:write'] }).expect(201)).body;
    await sut.anonymous().post('/api/v1/findings').set('authorization', `Bearer ${token.secret}`).send([aFinding()]).expect(200);
    await admin.http.delete(`/api/v1/tokens/${token.token.id}`).expect(204);
    await sut.anonymous().post('/api/v1/auth/login').send({ email: 'lee@example.com', password: 'wrong password' }).expect(401);

    const page = (await admin.http.get('/api/v1/audit-events?limit=3').expect(200)).body;
    expect(page.items.map((e: { action: string }) => e.action)).toEqual(['auth.login_failed', 'token.revoked', 'import.completed']);
    expect(page.items[1]).toMatchObject({ actor: `user:${admin.user.email}`, subjectType: 'api_token', subjectId: token.token.id, details: { name: 'ci' } });
    expect(page.items[2]).toMatchObject({ actor: 'token:ci', subjectType: 'import', details: { format: 'json', received: 1, created: 1 } });
    const next = (await admin.http.get(`/api/v1/audit-events?limit=3&cursor=${page.nextCursor}`).expect(200)).body;
    expect(next.items.map((e: { action: string }) => e.action)).toEqual(['token.created', 'user.role_changed', 'user.created']);
    // The oldest event: the signed-in administrator's own account, made by the test set-up.
    const last = (await admin.http.get(`/api/v1/audit-events?cursor=${next.nextCursor}`).expect(200)).body;
    expect(last).toMatchObject({ items: [{ action: 'user.created', actor: 'test', details: { email: admin.user.email } }], nextCursor: null });

    const users = (await admin.http.get('/api/v1/audit-events?action=user.*').expect(200)).body;
    expect(users.items.map((e: { action: string }) => e.action)).toEqual(['user.role_changed', 'user.created', 'user.created']);
    const exact = (await admin.http.get('/api/v1/audit-events?action=token.created').expect(200)).body;
    expect(exact.items).toHaveLength(1);
    await admin.http.get('/api/v1/audit-events?cursor=abc').expect(400);
    await admin.http.get("/api/v1/audit-events?action=x'%20OR%201=1").expect(400);
    // Nothing secret in the log: neither the token nor any password.
    expect(JSON.stringify(await sut.sql(`SELECT * FROM audit_events`))).not.toMatch(new RegExp(`${token.secret.slice(-43)}|wrong password|${created.oneTimePassword}`));
  });

  it('pages newest first past hundreds of events: ids compare as numbers, not as text', async () => {
    const admin = await sut.asUser({ role: 'admin' });
    await sut.sql(`INSERT INTO audit_events (actor, action, subject_type, subject_id) SELECT 'test', 'test.event', 'test', n::text FROM generate_series(1, 320) AS n`);
    const expected = (await sut.sql<{ id: string }>(`SELECT id::text AS id FROM audit_events`)).map((row) => row.id).sort((a, b) => Number(b) - Number(a));
    expect(expected.length).toBeGreaterThan(300);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await admin.http.get(`/api/v1/audit-events?limit=50${cursor ? `&cursor=${cursor}` : ''}`).expect(200)).body;
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    const [newest] = (await admin.http.get('/api/v1/audit-events?limit=1').expect(200)).body.items;
    expect(newest).toMatchObject({ id: expected[0], action: 'test.event', subjectId: '320' });
    // A cursor past what the id column can hold is the client's mistake, not a server error.
    await admin.http.get('/api/v1/audit-events?cursor=9999999999999999999').expect(400);
  });

  it('records who created teams, services and adoptions', async () => {
    const lead = await sut.asUser({ role: 'security_lead' });
    const team = (await lead.http.post('/api/v1/teams').send({ name: 'Payments' }).expect(201)).body;
    const service = (await lead.http.post('/api/v1/services').send({ name: 'payments-api', teamId: team.id, repositoryPatterns: ['github.com/acme/payments-*'] }).expect(201)).body;
    const manager = await sut.asUser({ role: 'manager', teamIds: [team.id] });
    const adoption = (await manager.http.post('/api/v1/adoptions').send({ serviceId: service.id, practice: 'context-aware-development', startedAt: '2026-02-01' }).expect(201)).body;
    await manager.http.patch(`/api/v1/adoptions/${adoption.id}`).send({ startedAt: '2026-02-15' }).expect(200);

    const rows = await sut.sql<{ actor: string; action: string; subject_type: string; subject_id: string; details: Record<string, unknown> }>(
      `SELECT actor, action, subject_type, subject_id, details FROM audit_events WHERE action LIKE 'team.%' OR action LIKE 'service.%' OR action LIKE 'adoption.%' ORDER BY id`,
    );
    expect(rows).toEqual([
      { actor: `user:${lead.user.email}`, action: 'team.created', subject_type: 'team', subject_id: team.id, details: { name: 'Payments' } },
      { actor: `user:${lead.user.email}`, action: 'service.created', subject_type: 'service', subject_id: service.id, details: { name: 'payments-api', teamId: team.id, repositoryPatterns: ['github.com/acme/payments-*'] } },
      { actor: `user:${manager.user.email}`, action: 'adoption.created', subject_type: 'adoption', subject_id: adoption.id, details: { teamId: null, serviceId: service.id, practice: 'context-aware-development', startedAt: '2026-02-01' } },
      expect.objectContaining({ actor: `user:${manager.user.email}`, action: 'adoption.updated', subject_id: adoption.id }),
    ]);
    // A refused creation leaves its refusal, not a creation.
    await manager.http.post('/api/v1/teams').send({ name: 'Mine now' }).expect(403);
    expect(await sut.sql(`SELECT 1 FROM audit_events WHERE action = 'team.created' AND details->>'name' = 'Mine now'`)).toEqual([]);
  });

  it('records uploads and other changes refused with 403, with who tried, where and why', async () => {
    const payments = (await sut.http().post('/api/v1/teams').send({ name: 'Payments' }).expect(201)).body;
    const identity = (await sut.http().post('/api/v1/teams').send({ name: 'Identity' }).expect(201)).body;
    await sut.http().post('/api/v1/services').send({ name: 'login-api', teamId: identity.id }).expect(201);
    const ci = await sut.asToken({ scopes: ['findings:write', 'threat-models:write'], teamId: payments.id, name: 'ci-payments' });
    const reader = await sut.asToken({ scopes: ['read'], name: 'reader' });

    await ci.http.post('/api/v1/findings').send([aFinding({ service: 'login-api' })]).expect(403);
    await ci.http.post('/api/v1/imports?service=login-api').set('content-type', 'application/json').send(JSON.stringify([aFinding({ service: 'login-api' })])).expect(403);
    await ci.http.post('/api/v1/threat-models?service=login-api').set('content-type', 'application/yaml').send('escapementThreatModel: 1\nname: m\n').expect(403);
    await reader.http.post('/api/v1/findings').send([aFinding()]).expect(403);
    // Reads refused are not changes attempted; nobody signed in is not somebody to name.
    await reader.http.get('/api/v1/audit-events').expect(403);
    await sut.anonymous().post('/api/v1/findings').send([aFinding()]).expect(401);

    const rows = await sut.sql<{ actor: string; subject_type: string; subject_id: string; details: { reason: string; detail: string } }>(
      `SELECT actor, subject_type, subject_id, details FROM audit_events WHERE action = 'access.refused' ORDER BY id`,
    );
    expect(rows.map((row) => [row.actor, row.subject_id, row.details.reason])).toEqual([
      ['token:ci-payments', 'POST /api/v1/findings', 'forbidden'],
      ['token:ci-payments', 'POST /api/v1/imports', 'forbidden'],
      ['token:ci-payments', 'POST /api/v1/threat-models', 'forbidden'],
      ['token:reader', 'POST /api/v1/findings', 'forbidden'],
    ]);
    expect(rows[0]).toMatchObject({ subject_type: 'route', details: { detail: expect.stringMatching(/Not a service of your team: login-api/) } });
    expect(rows[3].details.detail).toMatch(/needs a token with one of the scopes/);
    expect(await sut.sql(`SELECT * FROM findings`)).toEqual([]);
  });

  it('cannot be changed or deleted by the application', async () => {
    await sut.asUser({ role: 'admin' });
    await expect(sut.sql(`UPDATE audit_events SET actor = 'someone'`)).rejects.toThrow(/append-only/);
    await expect(sut.sql(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });
});
