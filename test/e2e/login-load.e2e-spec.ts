import { listenLocally, resetDatabase, startTestApp, withSecurity, type TestApp } from '../support/test-app';
import { createTestUser, TEST_PASSWORD } from '../support/principals';

interface Answer {
  status: number;
  type?: string;
  retryAfter: string | null;
}

/** Logins from `count` different addresses at once (behind a trusted proxy, which names each client). */
async function loginsAtOnce(url: string, emails: string[], count: number): Promise<Answer[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const response = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i + 1}` },
        body: JSON.stringify({ email: emails[i % emails.length], password: TEST_PASSWORD }),
      });
      const body = (await response.json()) as { type?: string };
      return { status: response.status, type: body.type, retryAfter: response.headers.get('retry-after') };
    }),
  );
}

/**
 * Password hashing is slow on purpose and shares libuv's threads with the database driver's handshake;
 * a burst of logins must wait in a bounded queue or be told to retry (429), never answer 503.
 */
describe('logins under load', () => {
  const limits = { loginPerIp: { limit: 30, ttlMs: 300_000 }, loginPerAccount: null, ingestPerPrincipal: null, ingestPerIp: null };
  let sut: TestApp | null = null;
  afterEach(async () => {
    await sut?.close();
    sut = null;
  });

  async function start(passwordHashing?: { concurrency: number; maxWaiting: number }): Promise<{ url: string; emails: string[] }> {
    const security = withSecurity({ trustProxy: true, rateLimits: limits, ...(passwordHashing ? { passwordHashing } : {}) });
    sut = await startTestApp(security);
    await resetDatabase(sut);
    const emails: string[] = [];
    for (let i = 0; i < 4; i++) emails.push((await createTestUser(sut.app, { email: `person-${i}@example.com`, role: 'viewer' })).email);
    return { url: await listenLocally(sut), emails };
  }

  it('signs in 40 people from 40 addresses at once, while the server keeps answering', async () => {
    const { url, emails } = await start();
    const [answers, health] = await Promise.all([loginsAtOnce(url, emails, 40), fetch(`${url}/api/health`).then((r) => r.status)]);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(health).toBe(200);
    expect(await sut!.sql(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.login_succeeded'`)).toEqual([{ n: 40 }]);
  });

  it('refuses logins past the queue with 429 and Retry-After, and takes them once there is room', async () => {
    const { url, emails } = await start({ concurrency: 1, maxWaiting: 2 });
    const answers = await loginsAtOnce(url, emails, 40);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 429)).toEqual([]);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.type).toBe('urn:escapement:problem:rate_limited');
      expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    // Every admitted login was answered; a refused one succeeds when tried again.
    expect(answers.filter((a) => a.status === 200).length).toBe(40 - refused.length);
    expect((await loginsAtOnce(url, emails, 1))[0].status).toBe(200);
  });
});
