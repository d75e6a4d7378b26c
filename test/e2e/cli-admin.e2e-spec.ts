import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { escapement } from '../support/cli';
import { startServerProcess } from '../support/server-process';
import { resetDatabase, startTestApp, testDatabaseUrl, type TestApp } from '../support/test-app';

const describeEmbedded = process.env.ESCAPEMENT_TEST_DB === 'postgres' ? describe.skip : describe;

describeEmbedded('escapement admin, on an embedded data directory', () => {
  const dataDirs: string[] = [];
  afterAll(() => dataDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const newDataDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-admin-'));
    dataDirs.push(dir);
    return dir;
  };

  it('works with no server running, and what it made works once the server starts', async () => {
    const env = { ESCAPEMENT_DATA_DIR: newDataDir(), DATABASE_URL: '' };
    const user = escapement(['admin', 'create-user', '--email', 'Lead@Example.com', '--role', 'security_lead'], env);
    expect(user.stderr).toMatch(/^created security_lead lead@example\.com; one-time password below/);
    expect(user.status).toBe(0);
    const password = user.stdout.trim();
    expect(password).toMatch(/^[\w-]{24}$/);
    const token = escapement(['admin', 'create-token', '--name', 'ci', '--scopes', 'findings:write,read', '--expires', '30d'], env);
    expect(token.status).toBe(0);
    expect(token.stdout.trim()).toMatch(/^esc_[0-9a-f]{12}_[\w-]{43}$/);
    expect(token.stderr).toMatch(/token "ci" \(id [0-9a-f-]{36}, scopes findings:write,read, expires \d{4}-/);

    const server = await startServerProcess(env);
    try {
      // Someone exists already: no first administrator, no password in the log.
      expect(server.output()).not.toContain('one-time password');
      const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      expect(((await me.json()) as { token: unknown }).token).toMatchObject({ name: 'ci', scopes: ['findings:write', 'read'] });
      const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lead@example.com', password }) });
      expect(((await login.json()) as { user: unknown }).user).toMatchObject({ role: 'security_lead', mustChangePassword: true });

      // Beside the running server, on its data directory: list, revoke, reset.
      const listed = escapement(['admin', 'list-tokens', '--json'], env);
      const [ci] = JSON.parse(listed.stdout) as { id: string; name: string; status: string; lastUsedAt: string | null }[];
      expect(ci).toMatchObject({ name: 'ci', status: 'active', lastUsedAt: expect.any(String) });
      expect(listed.stdout).not.toContain(token.stdout.trim().slice(-43));
      expect(escapement(['admin', 'list-tokens'], env).stdout).toMatch(new RegExp(`^${ci.id}  active .* ci  findings:write,read  all teams  expires`));
      expect(escapement(['admin', 'revoke-token', '--id', ci.id], env).stdout.trim()).toBe(`revoked ${ci.id}`);
      expect((await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } })).status).toBe(401);
      const reset = escapement(['admin', 'reset-password', '--email', 'lead@example.com'], env);
      expect(reset.status).toBe(0);
      const again = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'lead@example.com', password: reset.stdout.trim() }) });
      expect(again.status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('explains wrong use', () => {
    const env = { ESCAPEMENT_DATA_DIR: newDataDir(), DATABASE_URL: '' };
    expect(escapement(['admin'], env).status).toBe(2);
    expect(escapement(['admin', 'create-user', '--role', 'viewer'], env).stderr).toMatch(/needs --email/);
    expect(escapement(['admin', 'create-user', '--email', 'a@b.c', '--role', 'root'], env).status).toBe(2);
    expect(escapement(['admin', 'create-token', '--name', 'x', '--scopes', 'write'], env).stderr).toMatch(/unknown: write/);
    expect(escapement(['admin', 'create-token', '--name', 'x', '--scopes', 'read', '--expires', 'soon'], env).status).toBe(2);
    const noTeam = escapement(['admin', 'create-token', '--name', 'x', '--scopes', 'read', '--team', 'Nobody'], env);
    expect(noTeam.status).toBe(1);
    expect(noTeam.stderr).toMatch(/no team named "Nobody"/);
    expect(escapement(['admin', 'create-user', '--email', 'm@example.com', '--role', 'manager'], env).stderr).toMatch(/A manager needs at least one team/);
  });
});

describe('escapement admin, on DATABASE_URL', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
    await resetDatabase(sut);
  });
  afterAll(() => sut.close());

  it('creates team tokens and users there, audited as the CLI', async () => {
    await sut.http().post('/api/v1/teams').send({ name: 'Payments' }).expect(201);
    const env = { DATABASE_URL: testDatabaseUrl() };
    const token = escapement(['admin', 'create-token', '--name', 'ci-payments', '--scopes', 'read', '--team', 'Payments', '--expires', 'never'], env);
    expect(token.stderr).toMatch(/team Payments, never expires/);
    const me = await sut.anonymous().get('/api/v1/auth/me').set('authorization', `Bearer ${token.stdout.trim()}`).expect(200);
    expect(me.body.token).toMatchObject({ name: 'ci-payments', expiresAt: null, teamId: expect.any(String) });
    expect(escapement(['admin', 'create-user', '--email', 'pat@example.com', '--role', 'manager', '--team', 'Payments'], env).status).toBe(0);
    const [actor] = await sut.sql<{ actor: string }>(`SELECT DISTINCT actor FROM audit_events WHERE action IN ('token.created', 'user.created')`);
    expect(actor.actor).toMatch(/^cli:.+@.+$/);
    expect(escapement(['admin', 'create-user', '--email', 'pat@example.com', '--role', 'viewer'], env).stderr).toMatch(/already exists/);
  });
});
