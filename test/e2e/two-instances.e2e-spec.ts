import { aFinding } from '../support/findings-fixture';
import { createTokenWithCli, escapement } from '../support/cli';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { testDatabaseUrl } from '../support/test-app';

/**
 * Two API processes on one database, as behind a load balancer: whatever one instance was told, the
 * other knows — sessions, rate-limit counters, uploads and their background imports all live in PostgreSQL.
 */
describe('two API instances sharing one database', () => {
  const databaseUrl = testDatabaseUrl();
  const settings = {
    DATABASE_URL: databaseUrl,
    ESCAPEMENT_DEMO: '0',
    ESCAPEMENT_BACKGROUND_IMPORT: '1kb',
    ESCAPEMENT_RATE_INGEST_TOKEN: '4/1h',
    ESCAPEMENT_RATE_LOGIN_ACCOUNT: '3/1h',
  };
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    [a, b] = await Promise.all([startServerProcess(settings), startServerProcess(settings)]);
  });
  afterAll(async () => {
    for (const server of [a, b]) {
      if (server && server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
  });

  const cookieOf = (response: Response) => /escapement_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')![0];
  const json = { 'content-type': 'application/json' };

  it('a session opened on one instance is used, replaced and ended on the other', async () => {
    const email = `two-instances-${Date.now()}@example.com`;
    const created = escapement(['admin', 'create-user', '--email', email, '--role', 'viewer'], { DATABASE_URL: databaseUrl });
    expect(created.status).toBe(0);
    const oneTime = created.stdout.trim();

    const login = await fetch(`${a.url}/api/v1/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email, password: oneTime }) });
    expect(login.status).toBe(200);
    const first = { cookie: cookieOf(login), 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    const me = await fetch(`${b.url}/api/v1/auth/me`, { headers: first });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ kind: 'session', user: { email, mustChangePassword: true } });

    const newPassword = 'a long new password for two instances';
    const changed = await fetch(`${b.url}/api/v1/auth/password`, { method: 'POST', headers: { ...json, ...first }, body: JSON.stringify({ currentPassword: oneTime, newPassword }) });
    expect(changed.status).toBe(200);
    const second = { cookie: cookieOf(changed), 'x-csrf-token': ((await changed.json()) as { csrfToken: string }).csrfToken };
    // The change ended every other session, on every instance.
    expect((await fetch(`${a.url}/api/v1/auth/me`, { headers: first })).status).toBe(401);
    expect(await (await fetch(`${a.url}/api/v1/auth/me`, { headers: second })).json()).toMatchObject({ user: { email, mustChangePassword: false } });

    expect((await fetch(`${a.url}/api/v1/auth/logout`, { method: 'POST', headers: second })).status).toBe(204);
    expect((await fetch(`${b.url}/api/v1/auth/me`, { headers: second })).status).toBe(401);
  });

  it('counts a login limit and an upload limit once across both instances', async () => {
    const nobody = `nobody-${Date.now()}@example.com`;
    const attempt = (server: ServerProcess) =>
      fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email: nobody, password: 'wrong password' }) });
    expect([(await attempt(a)).status, (await attempt(b)).status, (await attempt(a)).status]).toEqual([401, 401, 401]);
    const refused = await attempt(b);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    const token = createTokenWithCli({ databaseUrl }, 'findings:write');
    const upload = (server: ServerProcess, n: number) =>
      fetch(`${server.url}/api/v1/imports?format=json`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify([aFinding({ fingerprint: `limit-${n}` })]),
      });
    const statuses = [];
    for (const [i, server] of [a, b, a, b, a, b].entries()) statuses.push((await upload(server, i)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
  });

  it('recomputes an adoption verdict one instance keeps once the other stores findings it reads', async () => {
    const headers = { authorization: `Bearer ${createTokenWithCli({ databaseUrl }, 'admin')}`, 'content-type': 'application/json' };
    const post = async (server: ServerProcess, route: string, body: unknown) => {
      const response = await fetch(`${server.url}/api/v1${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
      expect(response.status).toBeLessThan(300);
      return response.json();
    };
    const tag = Date.now();
    const adopters = await post(a, '/teams', { name: `verdict-adopters-${tag}` });
    const others = await post(a, '/teams', { name: `verdict-others-${tag}` });
    await post(a, '/services', { name: `verdict-adopting-${tag}`, teamId: adopters.id });
    await post(a, '/services', { name: `verdict-other-${tag}`, teamId: others.id });
    const adoption = await post(a, '/adoptions', { teamId: adopters.id, practice: `verdict-practice-${tag}`, startedAt: '2026-03-01' });
    const designFindings = (service: string, month: string, count: number, prefix: string) =>
      Array.from({ length: count }, (_, i) =>
        aFinding({ service, fingerprint: `${prefix}-${i}`, cweIds: [862], introducedAt: `2026-${month}-0${1 + (i % 9)}T00:00:00Z`, detectedAt: `2026-${month}-0${1 + (i % 9)}T12:00:00Z`, stage: i % 2 ? 'production' : 'code_review' }),
      );
    await post(a, '/findings', [
      ...designFindings(`verdict-adopting-${tag}`, '01', 10, `before-${tag}`),
      ...designFindings(`verdict-adopting-${tag}`, '04', 10, `after-${tag}`),
      ...designFindings(`verdict-other-${tag}`, '01', 10, `other-before-${tag}`),
      ...designFindings(`verdict-other-${tag}`, '04', 10, `other-after-${tag}`),
    ]);
    const treatedCounts = async (server: ServerProcess) => {
      const response = await fetch(`${server.url}/api/v1/metrics/adoption-impact?adoption=${adoption.id}`, { headers });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { verdict: { classes: { findingClass: string; counts: { treated: unknown } | null }[] } };
      return body.verdict.classes.find((c) => c.findingClass === 'design')!.counts?.treated ?? null;
    };
    const kept = await treatedCounts(a);
    expect(await treatedCounts(a)).toEqual(kept);
    // Ten more adopter escapes after the adoption, stored through the other instance.
    await post(b, '/findings', designFindings(`verdict-adopting-${tag}`, '04', 10, `later-${tag}`).map((f) => ({ ...f, stage: 'production' })));
    const recomputed = await treatedCounts(a);
    expect(recomputed).not.toEqual(kept);
    expect(await treatedCounts(b)).toEqual(recomputed);
  });

  it('stores an upload received by one instance on the other, even when the first one dies at once', async () => {
    const token = createTokenWithCli({ databaseUrl }, 'admin');
    const headers = { authorization: `Bearer ${token}` };
    const marker = `shared-${Date.now()}`;
    const findings = Array.from({ length: 2_000 }, (_, i) => aFinding({ fingerprint: `${marker}-${i}`, title: `${marker} finding ${i}` }));
    const accepted = await fetch(`${a.url}/api/v1/imports?format=json`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(findings) });
    expect(accepted.status).toBe(202);
    const { id } = (await accepted.json()) as { id: string };
    // Whatever instance A had begun, it is gone: the file and the job are in the database for B.
    a.child.kill('SIGKILL');
    await a.exited;

    const status = async () => (await (await fetch(`${b.url}/api/v1/imports/${id}`, { headers })).json()) as { status: string; findings: { created: number } };
    let done = await status();
    for (const deadline = Date.now() + 150_000; done.status === 'processing' && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 250));
      done = await status();
    }
    expect(done).toMatchObject({ status: 'completed', findings: { created: 2_000 } });
  }, 240_000);
});
