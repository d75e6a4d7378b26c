import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultWebDist } from '../../apps/api/src/config/app-config';
import { aFinding } from '../support/findings-fixture';
import { resetDatabase, startTestApp, withSecurity, type TestApp } from '../support/test-app';

const directives = (csp: string) => Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));

describe('security headers and CORS', () => {
  let sut: TestApp;
  const webDist = defaultWebDist();
  const dashboardBuilt = webDist !== null && fs.existsSync(path.join(webDist, 'index.html'));
  beforeAll(async () => {
    sut = await startTestApp({ webDist });
    await resetDatabase(sut);
  });
  afterAll(() => sut.close());

  it('sends a strict Content-Security-Policy and the usual protections, and lets nothing cache API data', async () => {
    const answer = await sut.http().get('/api/v1/teams').expect(200);
    const csp = directives(answer.headers['content-security-policy']);
    expect(csp).toMatchObject({ 'default-src': "'self'", 'script-src': "'self'", 'style-src': "'self'", 'object-src': "'none'", 'base-uri': "'none'", 'frame-ancestors': "'none'" });
    expect(answer.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(answer.headers['strict-transport-security']).toBe('max-age=15552000');
    expect(answer.headers['x-powered-by']).toBeUndefined();
  });

  it('relaxes styles for the API documentation page only, never scripts', async () => {
    const docs = await sut.anonymous().get('/api/docs/').expect(200);
    expect(directives(docs.headers['content-security-policy'])).toMatchObject({ 'script-src': "'self'", 'style-src': "'self' 'unsafe-inline'" });
  });

  (dashboardBuilt ? it : it.skip)('serves the dashboard to anyone, under the strict policy', async () => {
    const page = await sut.anonymous().get('/').expect(200);
    expect(page.text).toContain('<div id="root">');
    expect(directives(page.headers['content-security-policy'])['script-src']).toBe("'self'");
  });

  it('keeps CORS closed unless origins are named', async () => {
    const preflight = await sut.anonymous().options('/api/v1/teams').set('origin', 'https://evil.example').set('access-control-request-method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await sut.http().get('/api/v1/teams').set('origin', 'https://evil.example').expect(200);
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();

    const open = await startTestApp(withSecurity({ corsOrigins: ['https://reports.example.com'] }));
    try {
      const allowed = await open.anonymous().options('/api/v1/teams').set('origin', 'https://reports.example.com').set('access-control-request-method', 'GET').expect(204);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://reports.example.com');
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
      expect(allowed.headers['access-control-allow-headers']).toMatch(/Authorization/);
      const other = await open.anonymous().options('/api/v1/teams').set('origin', 'https://evil.example').set('access-control-request-method', 'GET');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});

describe('ingestion rate limits', () => {
  it('limits uploads per token and per address, with 429 and Retry-After', async () => {
    const sut = await startTestApp(withSecurity({ rateLimits: { loginPerIp: null, loginPerAccount: null, ingestPerPrincipal: { limit: 2, ttlMs: 60_000 }, ingestPerIp: { limit: 3, ttlMs: 60_000 } } }));
    try {
      await resetDatabase(sut);
      const first = await sut.asToken({ scopes: ['findings:write'] });
      const second = await sut.asToken({ scopes: ['findings:write'] });
      const post = (http: typeof first.http, fingerprint: string) => http.post('/api/v1/findings').send([aFinding({ fingerprint })]);
      await post(first.http, 'f1').expect(200);
      await post(first.http, 'f2').expect(200);
      const limited = await post(first.http, 'f3').expect(429);
      expect(limited.body).toMatchObject({ type: 'urn:escapement:problem:rate_limited', status: 429 });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another token has its own allowance, until the address's (three) is spent.
      await post(second.http, 'g1').expect(200);
      await post(second.http, 'g2').expect(429);
      expect(await sut.sql(`SELECT fingerprint FROM findings ORDER BY fingerprint`)).toEqual([{ fingerprint: 'f1' }, { fingerprint: 'f2' }, { fingerprint: 'g1' }]);
      // Reading is not ingestion.
      await first.http.get('/api/v1/auth/me').expect(200);
    } finally {
      await sut.close();
    }
  });

  it('counts a token’s uploads together, whichever route they use', async () => {
    const sut = await startTestApp(withSecurity({ rateLimits: { loginPerIp: null, loginPerAccount: null, ingestPerPrincipal: { limit: 1, ttlMs: 60_000 }, ingestPerIp: null } }));
    try {
      await resetDatabase(sut);
      const tokens = [await sut.asToken({ scopes: ['findings:write'] }), await sut.asToken({ scopes: ['findings:write'] })];
      for (const [i, token] of tokens.entries()) await token.http.post('/api/v1/findings').send([aFinding({ fingerprint: `t${i}` })]).expect(200);
      await tokens[0].http.post('/api/v1/imports?service=x').set('content-type', 'text/csv').send('x').expect(429);
    } finally {
      await sut.close();
    }
  });
});
