import { UsersService } from '../../apps/api/src/users/users.service';
import { TEST_PASSWORD } from '../support/principals';
import { resetDatabase, startTestApp, withSecurity, type TestApp } from '../support/test-app';

const NEW_PASSWORD = 'a much better passphrase';

/** The value of the session cookie a response sets, and its attributes. */
function sessionCookie(response: { headers: Record<string, unknown> }): { value: string; attributes: string[] } {
  const header = ([] as string[]).concat((response.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('escapement_session='));
  if (!header) throw new Error('no session cookie set');
  const [pair, ...attributes] = header.split(';').map((part) => part.trim());
  return { value: pair.slice('escapement_session='.length), attributes };
}

describe('people: login, sessions, CSRF and passwords', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  beforeEach(() => resetDatabase(sut));
  afterAll(() => sut.close());

  /** An account made by an administrator through the API, with its one-time password. */
  const newAccount = async (role = 'viewer', email = 'dana@example.com') => {
    const created = await sut.http().post('/api/v1/users').send({ email, role }).expect(201);
    expect(created.body.user).toMatchObject({ email, role, mustChangePassword: true, teams: [] });
    return { id: created.body.user.id as string, email, password: created.body.oneTimePassword as string };
  };
  const login = (email: string, password: string) => sut.anonymous().post('/api/v1/auth/login').send({ email, password });
  const withSession = (cookie: string, csrf?: string) => ({
    get: (url: string) => sut.anonymous().get(url).set('cookie', `escapement_session=${cookie}`),
    post: (url: string) => {
      const req = sut.anonymous().post(url).set('cookie', `escapement_session=${cookie}`);
      return csrf ? req.set('x-csrf-token', csrf) : req;
    },
  });

  it('replaces the one-time password first, then opens everything the role allows', async () => {
    const account = await newAccount('viewer', 'Dana@Example.com'.toLowerCase());
    const first = await login(account.email.toUpperCase(), account.password).expect(200);
    expect(first.body).toMatchObject({ kind: 'session', user: { email: account.email, role: 'viewer', mustChangePassword: true }, idleTimeoutSeconds: 1800 });
    expect(first.body.csrfToken).toMatch(/^[\w-]{43}$/);
    const cookie = sessionCookie(first);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict']));
    expect(cookie.attributes).not.toContain('Secure');
    const session = withSession(cookie.value, first.body.csrfToken);

    const blocked = await session.get('/api/v1/findings').expect(403);
    expect(blocked.body).toMatchObject({ type: 'urn:escapement:problem:password_change_required', status: 403 });
    expect((await session.get('/api/v1/auth/me').expect(200)).body.user.mustChangePassword).toBe(true);

    const wrong = await session.post('/api/v1/auth/password').send({ currentPassword: 'not it', newPassword: NEW_PASSWORD }).expect(400);
    expect(wrong.body.errors).toEqual([{ pointer: '/currentPassword', message: 'is wrong' }]);
    const short = await session.post('/api/v1/auth/password').send({ currentPassword: account.password, newPassword: 'short' }).expect(400);
    expect(short.body.errors[0].pointer).toBe('/newPassword');

    const changed = await session.post('/api/v1/auth/password').send({ currentPassword: account.password, newPassword: NEW_PASSWORD }).expect(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    const fresh = sessionCookie(changed);
    expect(fresh.value).not.toBe(cookie.value);
    expect(changed.body.csrfToken).not.toBe(first.body.csrfToken);
    // The old session died with the old password; the new one reads what a viewer reads.
    await session.get('/api/v1/auth/me').expect(401);
    await withSession(fresh.value).get('/api/v1/findings').expect(200);
    await login(account.email, account.password).expect(401);
    await login(account.email, NEW_PASSWORD).expect(200);
  });

  it('gives one answer for a wrong password, an unknown account and a disabled one, and audits each', async () => {
    const account = await newAccount();
    const answers = [await login(account.email, 'wrong password').expect(401), await login('nobody@example.com', 'whatever').expect(401)];
    await sut.http().patch(`/api/v1/users/${account.id}`).send({ disabled: true }).expect(200);
    answers.push(await login(account.email, account.password).expect(401));
    for (const answer of answers) {
      expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(answer.body).toMatchObject({ type: 'urn:escapement:problem:invalid_credentials', detail: 'The email address or the password is wrong' });
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    const failures = await sut.sql<{ reason: string }>(`SELECT details->>'reason' AS reason FROM audit_events WHERE action = 'auth.login_failed' ORDER BY id`);
    expect(failures.map((f) => f.reason)).toEqual(['wrong_password', 'unknown_account', 'account_disabled']);
  });

  it('needs the CSRF token on every change made with a session, and not with a token', async () => {
    const viewer = await sut.asUser({ role: 'security_lead' });
    const cookie = viewer.cookie.split('=')[1];
    const missing = await withSession(cookie).post('/api/v1/teams').send({ name: 'Payments' }).expect(403);
    expect(missing.body).toMatchObject({ type: 'urn:escapement:problem:csrf_failed' });
    await withSession(cookie, 'x'.repeat(43)).post('/api/v1/teams').send({ name: 'Payments' }).expect(403);
    await withSession(cookie, viewer.csrfToken).post('/api/v1/teams').send({ name: 'Payments' }).expect(201);
    // Reads need none; token callers need none (a page cannot make the browser send a bearer token).
    await withSession(cookie).get('/api/v1/teams').expect(200);
    await sut.http().post('/api/v1/teams').send({ name: 'Identity' }).expect(201);
    expect(await sut.sql(`SELECT name FROM teams ORDER BY name`)).toEqual([{ name: 'Identity' }, { name: 'Payments' }]);
  });

  it('ends sessions at logout, after idling, at their absolute end, and when another session changes the password', async () => {
    const user = await sut.asUser({ role: 'viewer' });
    const other = await sut.asUser({ role: 'viewer' });
    await user.http.get('/api/v1/auth/me').expect(200);
    const out = await user.http.post('/api/v1/auth/logout').expect(204);
    expect(out.headers['set-cookie'][0]).toMatch(/^escapement_session=;.*Expires=Thu, 01 Jan 1970/);
    const gone = await user.http.get('/api/v1/auth/me').expect(401);
    expect(gone.body).toMatchObject({ type: 'urn:escapement:problem:unauthenticated', detail: 'The session has ended; sign in again' });

    await other.http.get('/api/v1/auth/me').expect(200);
    await sut.sql(`UPDATE sessions SET last_seen_at = now() - interval '31 minutes'`);
    await other.http.get('/api/v1/auth/me').expect(401);

    const third = await sut.asUser({ role: 'viewer' });
    await sut.sql(`UPDATE sessions SET expires_at = now() - interval '1 second'`);
    await third.http.get('/api/v1/auth/me').expect(401);

    const firstLogin = await login(third.user.email, TEST_PASSWORD).expect(200);
    const secondLogin = await login(third.user.email, TEST_PASSWORD).expect(200);
    const a = withSession(sessionCookie(firstLogin).value, firstLogin.body.csrfToken);
    const b = withSession(sessionCookie(secondLogin).value, secondLogin.body.csrfToken);
    await a.post('/api/v1/auth/password').send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(200);
    await b.get('/api/v1/auth/me').expect(401);
    const actions = (await sut.sql<{ action: string }>(`SELECT action FROM audit_events WHERE action LIKE 'auth.%' OR action LIKE 'user.password%' ORDER BY id`)).map((r) => r.action);
    expect(actions).toEqual(['auth.logout', 'auth.login_succeeded', 'auth.login_succeeded', 'user.password_changed']);
  });

  it('stores sessions as hashes only', async () => {
    const answer = await login((await newAccount()).email, 'wrong').expect(401);
    expect(answer.status).toBe(401);
    const user = await sut.asUser({ role: 'viewer' });
    const secret = user.cookie.split('=')[1];
    const rows = JSON.stringify(await sut.sql(`SELECT * FROM sessions`));
    expect(rows).not.toContain(secret);
    expect(JSON.stringify(await sut.sql(`SELECT * FROM users`))).not.toContain(TEST_PASSWORD);
  });

  it('reports who is calling, for a session and for a token', async () => {
    const viewer = await sut.asUser({ role: 'viewer' });
    const me = (await viewer.http.get('/api/v1/auth/me').expect(200)).body;
    expect(me).toMatchObject({ kind: 'session', user: { email: viewer.user.email, role: 'viewer' }, csrfToken: viewer.csrfToken });
    const token = await sut.asToken({ scopes: ['export'] });
    expect((await token.http.get('/api/v1/auth/me').expect(200)).body).toMatchObject({ kind: 'token', token: { id: token.id, scopes: ['export'], teamId: null } });
  });

  it('protects the last administrator from being demoted or disabled', async () => {
    const admin = await sut.asUser({ role: 'admin' });
    const refused = await admin.http.patch(`/api/v1/users/${admin.user.id}`).send({ role: 'viewer' }).expect(409);
    expect(refused.body.detail).toMatch(/last enabled administrator/);
    await admin.http.patch(`/api/v1/users/${admin.user.id}`).send({ disabled: true }).expect(409);
    const second = await newAccount('admin', 'second-admin@example.com');
    const demoted = await admin.http.patch(`/api/v1/users/${admin.user.id}`).send({ role: 'security_lead' }).expect(200);
    expect(demoted.body.role).toBe('security_lead');
    // The role is read on every request: the session lost administration at once.
    await admin.http.get('/api/v1/users').expect(403);
    const changes = await sut.sql(`SELECT action, details->>'from' AS "from", details->>'to' AS "to" FROM audit_events WHERE action = 'user.role_changed'`);
    expect(changes).toEqual([{ action: 'user.role_changed', from: 'admin', to: 'security_lead' }]);
    expect(second.email).toBe('second-admin@example.com');
  });

  it('checks the teams a role takes', async () => {
    const team = (await sut.http().post('/api/v1/teams').send({ name: 'Payments' }).expect(201)).body;
    const manager = await sut.http().post('/api/v1/users').send({ email: 'm@example.com', role: 'manager' }).expect(400);
    expect(manager.body.errors[0]).toMatchObject({ pointer: '/teamIds' });
    await sut.http().post('/api/v1/users').send({ email: 'lead@example.com', role: 'security_lead', teamIds: [team.id] }).expect(400);
    await sut.http().post('/api/v1/users').send({ email: 'm@example.com', role: 'manager', teamIds: ['00000000-0000-4000-8000-000000000000'] }).expect(400);
    const created = await sut.http().post('/api/v1/users').send({ email: 'm@example.com', role: 'manager', teamIds: [team.id] }).expect(201);
    expect(created.body.user.teams).toEqual([{ id: team.id, name: 'Payments' }]);
    await sut.http().post('/api/v1/users').send({ email: 'M@example.com', role: 'viewer' }).expect(409);
  });

  it('creates the first administrator once, on an empty database only', async () => {
    const users = sut.app.get(UsersService);
    const first = await users.createFirstAdmin('Root@Example.com');
    expect(first).toEqual({ email: 'root@example.com', oneTimePassword: expect.stringMatching(/^[\w-]{24}$/) });
    expect(await users.createFirstAdmin('root@example.com')).toBeNull();
    const answer = await login('root@example.com', first!.oneTimePassword).expect(200);
    expect(answer.body.user).toMatchObject({ role: 'admin', mustChangePassword: true });
  });
});

describe('login throttling and HTTPS behind a proxy', () => {
  it('limits attempts per address and per account, answering 429 with Retry-After', async () => {
    const sut = await startTestApp(withSecurity({ rateLimits: { loginPerIp: { limit: 5, ttlMs: 60_000 }, loginPerAccount: { limit: 2, ttlMs: 60_000 }, ingestPerPrincipal: null, ingestPerIp: null } }));
    try {
      await resetDatabase(sut);
      const attempt = (email: string) => sut.anonymous().post('/api/v1/auth/login').send({ email, password: 'guess' });
      await attempt('a@example.com').expect(401);
      await attempt('a@example.com').expect(401);
      const limited = await attempt('a@example.com').expect(429);
      expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body).toMatchObject({ type: 'urn:escapement:problem:rate_limited', status: 429, title: 'Too Many Requests' });
      // Another account from the same address is still heard, until the address's own limit.
      await attempt('b@example.com').expect(401);
      await attempt('c@example.com').expect(401);
      await attempt('d@example.com').expect(429);
      // Throttled attempts never reached the password check, so they are not in the audit log.
      expect(await sut.sql(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.login_failed'`)).toEqual([{ n: 4 }]);
    } finally {
      await sut.close();
    }
  });

  it('marks the cookie Secure for HTTPS, trusting X-Forwarded-Proto only when told to', async () => {
    for (const trustProxy of [false, true]) {
      const sut = await startTestApp(withSecurity({ trustProxy }));
      try {
        await resetDatabase(sut);
        const user = await sut.asUser({ role: 'viewer' });
        const answer = await sut.anonymous().post('/api/v1/auth/login').set('x-forwarded-proto', 'https').send({ email: user.user.email, password: TEST_PASSWORD }).expect(200);
        expect(sessionCookie(answer).attributes.includes('Secure')).toBe(trustProxy);
      } finally {
        await sut.close();
      }
    }
  });
});
