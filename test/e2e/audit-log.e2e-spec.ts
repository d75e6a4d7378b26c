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

  it('cannot be changed or deleted by the application', async () => {
    await sut.asUser({ role: 'admin' });
    await expect(sut.sql(`UPDATE audit_events SET actor = 'someone'`)).rejects.toThrow(/append-only/);
    await expect(sut.sql(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });
});
