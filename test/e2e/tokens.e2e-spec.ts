import { createHash } from 'node:crypto';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

describe('machine tokens', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  beforeEach(() => resetDatabase(sut));
  afterAll(() => sut.close());

  const bearer = (secret: string) => ({ get: (url: string) => sut.anonymous().get(url).set('authorization', `Bearer ${secret}`) });

  it('shows a new token once, keeps only its hash, and lists it without any secret', async () => {
    const created = await sut.http().post('/api/v1/tokens').send({ name: 'ci-payments', scopes: ['findings:write', 'read'] }).expect(201);
    const { token, secret } = created.body;
    expect(secret).toMatch(new RegExp(`^esc_${token.prefix}_[\\w-]{43}$`));
    expect(token).toMatchObject({ name: 'ci-payments', scopes: ['findings:write', 'read'], teamId: null, status: 'active', createdBy: 'token:e2e-admin', lastUsedAt: null });
    // Ninety days unless asked otherwise.
    const days = (Date.parse(token.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);

    const [row] = await sut.sql<{ secret_sha256: Buffer }>(`SELECT * FROM api_tokens WHERE id = $1`, [token.id]);
    expect(row.secret_sha256.equals(createHash('sha256').update(secret.split('_').slice(2).join('_')).digest())).toBe(true);
    expect(JSON.stringify(await sut.sql(`SELECT * FROM api_tokens`))).not.toContain(secret.slice(-43));
    const listed = (await sut.http().get('/api/v1/tokens').expect(200)).body;
    expect(JSON.stringify(listed)).not.toContain(secret.slice(-43));
    expect(listed.map((t: { name: string }) => t.name)).toEqual(['ci-payments', 'e2e-admin']);

    expect((await bearer(secret).get('/api/v1/auth/me').expect(200)).body.token).toMatchObject({ id: token.id, name: 'ci-payments' });
    const [{ last_used_at }] = await sut.sql<{ last_used_at: Date | null }>(`SELECT last_used_at FROM api_tokens WHERE id = $1`, [token.id]);
    expect(last_used_at).not.toBeNull();
  });

  it('stops working when revoked or expired, and says so with 401', async () => {
    const revoked = (await sut.http().post('/api/v1/tokens').send({ name: 'revoked', scopes: ['read'], expiresAt: null }).expect(201)).body;
    expect(revoked.token.expiresAt).toBeNull();
    await bearer(revoked.secret).get('/api/v1/teams').expect(200);
    await sut.http().delete(`/api/v1/tokens/${revoked.token.id}`).expect(204);
    await sut.http().delete(`/api/v1/tokens/${revoked.token.id}`).expect(204);
    const refused = await bearer(revoked.secret).get('/api/v1/teams').expect(401);
    expect(refused.body).toMatchObject({ type: 'urn:escapement:problem:unauthenticated', detail: 'The API token is not valid: unknown, revoked or expired' });
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="escapement"');
    await sut.http().delete('/api/v1/tokens/00000000-0000-4000-8000-000000000000').expect(404);

    const expiring = (await sut.http().post('/api/v1/tokens').send({ name: 'short-lived', scopes: ['read'], expiresAt: new Date(Date.now() + 60_000).toISOString() }).expect(201)).body;
    await bearer(expiring.secret).get('/api/v1/teams').expect(200);
    await sut.sql(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [expiring.token.id]);
    await bearer(expiring.secret).get('/api/v1/teams').expect(401);
    const states = (await sut.http().get('/api/v1/tokens').expect(200)).body.map((t: { name: string; status: string }) => `${t.name}:${t.status}`);
    expect(states.sort()).toEqual(['e2e-admin:active', 'revoked:revoked', 'short-lived:expired']);

    const audit = await sut.sql(`SELECT action, details->>'name' AS name FROM audit_events WHERE action LIKE 'token.%' ORDER BY id`);
    expect(audit).toEqual([
      { action: 'token.created', name: 'revoked' },
      { action: 'token.revoked', name: 'revoked' },
      { action: 'token.created', name: 'short-lived' },
    ]);
  });

  it('refuses malformed credentials rather than treating the caller as anonymous', async () => {
    for (const header of ['Bearer', 'Bearer esc_nope', 'Basic YWRtaW46YWRtaW4=', `Bearer esc_0e2e0e2e0e2e_${'x'.repeat(43)}`]) {
      const answer = await sut.anonymous().get('/api/health').set('authorization', header);
      expect(answer.status).toBe(200);
      await sut.anonymous().get('/api/v1/teams').set('authorization', header).expect(401);
    }
  });

  it('validates what a token may be', async () => {
    const team = (await sut.http().post('/api/v1/teams').send({ name: 'Payments' }).expect(201)).body;
    const adminForTeam = await sut.http().post('/api/v1/tokens').send({ name: 'x', scopes: ['admin'], teamId: team.id }).expect(400);
    expect(adminForTeam.body.errors[0].pointer).toBe('/teamId');
    expect((await sut.http().post('/api/v1/tokens').send({ name: 'x', scopes: ['write'] }).expect(400)).body.errors[0].pointer).toMatch(/^\/scopes/);
    await sut.http().post('/api/v1/tokens').send({ name: 'x', scopes: [] }).expect(400);
    await sut.http().post('/api/v1/tokens').send({ name: 'x', scopes: ['read'], expiresAt: '2020-01-01T00:00:00Z' }).expect(400);
    await sut.http().post('/api/v1/tokens').send({ name: 'x', scopes: ['read'], teamId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    await sut.http().post('/api/v1/tokens').send({ name: 'ci', scopes: ['read'], teamId: team.id }).expect(201);
    const duplicate = await sut.http().post('/api/v1/tokens').send({ name: 'ci', scopes: ['read'] }).expect(409);
    expect(duplicate.body.detail).toMatch(/already exists/);
  });
});
