import { loadSecurityConfig, parseRateLimit } from './security-config';

describe(loadSecurityConfig.name, () => {
  it('has safe defaults: CORS closed, proxies not trusted, every limit on', () => {
    const sut = loadSecurityConfig({});
    expect(sut).toMatchObject({ adminEmail: 'admin@localhost', trustProxy: false, corsOrigins: [], sessionIdleMs: 30 * 60_000, sessionMaxMs: 12 * 3_600_000 });
    expect(Object.values(sut.rateLimits).every((limit) => limit !== null)).toBe(true);
  });

  it('reads origins, limits and lifetimes, and names the variable it cannot read', () => {
    const sut = loadSecurityConfig({ ESCAPEMENT_CORS_ORIGINS: 'https://a.example, http://localhost:5173', ESCAPEMENT_RATE_INGEST_IP: 'off', ESCAPEMENT_SESSION_IDLE: '15m' });
    expect(sut.corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(sut.rateLimits.ingestPerIp).toBeNull();
    expect(sut.sessionIdleMs).toBe(15 * 60_000);
    expect(() => loadSecurityConfig({ ESCAPEMENT_CORS_ORIGINS: 'https://a.example/path' })).toThrow(/ESCAPEMENT_CORS_ORIGINS/);
    expect(() => loadSecurityConfig({ ESCAPEMENT_CORS_ORIGINS: '*' })).toThrow(/ESCAPEMENT_CORS_ORIGINS/);
    expect(() => loadSecurityConfig({ ESCAPEMENT_TRUST_PROXY: 'yes' })).toThrow(/ESCAPEMENT_TRUST_PROXY/);
    expect(() => loadSecurityConfig({ ESCAPEMENT_SESSION_IDLE: '2d' })).toThrow(/not be longer than ESCAPEMENT_SESSION_MAX/);
    expect(() => loadSecurityConfig({ ESCAPEMENT_ADMIN_EMAIL: 'root' })).toThrow(/ESCAPEMENT_ADMIN_EMAIL/);
  });
});

describe(parseRateLimit.name, () => {
  it('reads N/duration or off', () => {
    expect(parseRateLimit('X', '20/5m', '1/1s')).toEqual({ limit: 20, ttlMs: 300_000 });
    expect(parseRateLimit('X', undefined, '3/1h')).toEqual({ limit: 3, ttlMs: 3_600_000 });
    expect(parseRateLimit('X', 'off', '1/1s')).toBeNull();
    for (const bad of ['20', '0/1m', '5/soon', '-1/1m']) expect(() => parseRateLimit('X', bad, '1/1s')).toThrow(/X must be a limit/);
  });
});
