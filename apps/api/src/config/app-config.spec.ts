import { loadAppConfig } from './app-config';

describe(loadAppConfig.name, () => {
  it('keeps idle connections longer than common load balancers do, and waits longer still for headers', () => {
    const sut = loadAppConfig({});
    expect(sut.http).toEqual({ keepAliveTimeoutMs: 65_000, headersTimeoutMs: 66_000 });
    expect(sut.security.passwordHashing).toEqual({ concurrency: 2, maxWaiting: 100 });
  });

  it('reads the HTTP timeouts and the login queue, and names the variable it cannot read', () => {
    const sut = loadAppConfig({ ESCAPEMENT_KEEP_ALIVE_TIMEOUT: '2m', ESCAPEMENT_HEADERS_TIMEOUT: '121s', ESCAPEMENT_LOGIN_CONCURRENCY: '1', ESCAPEMENT_LOGIN_QUEUE: '0' });
    expect(sut.http).toEqual({ keepAliveTimeoutMs: 120_000, headersTimeoutMs: 121_000 });
    expect(sut.security.passwordHashing).toEqual({ concurrency: 1, maxWaiting: 0 });
    expect(() => loadAppConfig({ ESCAPEMENT_KEEP_ALIVE_TIMEOUT: 'long' })).toThrow(/ESCAPEMENT_KEEP_ALIVE_TIMEOUT must be a duration/);
    expect(() => loadAppConfig({ ESCAPEMENT_KEEP_ALIVE_TIMEOUT: '90s' })).toThrow(/ESCAPEMENT_HEADERS_TIMEOUT \(66 s\) must be longer than ESCAPEMENT_KEEP_ALIVE_TIMEOUT \(90 s\)/);
    expect(() => loadAppConfig({ ESCAPEMENT_HEADERS_TIMEOUT: '1h' })).toThrow(/at most 10m/);
    expect(() => loadAppConfig({ ESCAPEMENT_LOGIN_CONCURRENCY: '0' })).toThrow(/ESCAPEMENT_LOGIN_CONCURRENCY must be a whole number from 1 to 64/);
    expect(() => loadAppConfig({ ESCAPEMENT_LOGIN_QUEUE: 'many' })).toThrow(/ESCAPEMENT_LOGIN_QUEUE/);
  });

  it('mails scheduled reports only when an SMTP server is named, from a sender that can be set', () => {
    expect(loadAppConfig({}).smtp).toEqual({ url: null, from: 'Escapement <escapement@localhost>' });
    expect(loadAppConfig({ ESCAPEMENT_SMTP_URL: 'smtp://mail.example.com:587', ESCAPEMENT_SMTP_FROM: 'reports@example.com' }).smtp).toEqual({
      url: 'smtp://mail.example.com:587',
      from: 'reports@example.com',
    });
    expect(() => loadAppConfig({ ESCAPEMENT_SMTP_URL: 'mail.example.com' })).toThrow(/ESCAPEMENT_SMTP_URL is not a valid URL/);
    expect(() => loadAppConfig({ ESCAPEMENT_SMTP_URL: 'http://mail.example.com' })).toThrow(/ESCAPEMENT_SMTP_URL must use smtp:\/\/ or smtps:\/\//);
  });
});
