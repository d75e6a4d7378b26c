import { ConfigError } from './config-error';

/** A rate limit: at most `limit` requests per `ttlMs` for one tracker; null switches it off. */
export interface RateLimit {
  limit: number;
  ttlMs: number;
}

export interface RateLimits {
  /** Login attempts from one IP address. */
  loginPerIp: RateLimit | null;
  /** Login attempts for one account, from anywhere: slows guessing spread over many addresses. */
  loginPerAccount: RateLimit | null;
  /** Uploads (findings, imports, threat models) by one token or person. */
  ingestPerPrincipal: RateLimit | null;
  /** Uploads from one IP address, whoever sends them. */
  ingestPerIp: RateLimit | null;
}

/** Everything about who may call the server and how the browser is told to protect it. */
export interface SecurityConfig {
  /** Email of the administrator created on the first start of an empty database. */
  adminEmail: string;
  /** Honour X-Forwarded-For/-Proto from one reverse proxy in front (only then is a request known to be HTTPS behind it). */
  trustProxy: boolean;
  /** Origins allowed to call the API from a browser; empty: CORS closed. */
  corsOrigins: string[];
  sessionIdleMs: number;
  sessionMaxMs: number;
  rateLimits: RateLimits;
  /** Password hashes (logins, password changes) running at once, and waiting for a turn before 429. */
  passwordHashing: { concurrency: number; maxWaiting: number };
}


const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `15m`, `12h`, `7d`. */
export function parseDuration(name: string, raw: string): number {
  const match = /^(\d+)\s*([smhd])$/.exec(raw.trim());
  if (!match || Number(match[1]) <= 0) throw new ConfigError(`${name} must be a duration such as 30m, 12h or 7d, got "${raw}"`);
  return Number(match[1]) * UNITS[match[2]];
}

/** `20/5m` (twenty per five minutes), or `off`. */
export function parseRateLimit(name: string, raw: string | undefined, fallback: string): RateLimit | null {
  const value = raw === undefined || raw.trim() === '' ? fallback : raw.trim();
  if (value === 'off') return null;
  const match = /^(\d+)\s*\/\s*(\d+\s*[smhd])$/.exec(value);
  if (!match || Number(match[1]) < 1) throw new ConfigError(`${name} must be a limit such as 20/5m (requests per duration) or off, got "${value}"`);
  return { limit: Number(match[1]), ttlMs: parseDuration(name, match[2]) };
}

function parseCount(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function parseOrigins(raw: string | undefined): string[] {
  if (!raw || raw.trim() === '') return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(`ESCAPEMENT_CORS_ORIGINS must list origins such as https://dashboard.example.com, got "${origin}"`);
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin.replace(/\/$/, '')) {
      throw new ConfigError(`ESCAPEMENT_CORS_ORIGINS entries must be bare origins (scheme, host, port), got "${origin}"`);
    }
    return url.origin;
  });
}

function parseEmail(raw: string | undefined): string {
  const email = (raw ?? '').trim().toLowerCase() || 'admin@localhost';
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 320) throw new ConfigError(`ESCAPEMENT_ADMIN_EMAIL must be an email address, got "${raw}"`);
  return email;
}

function parseTrustProxy(raw: string | undefined): boolean {
  if (raw === undefined || raw === '' || raw === '0') return false;
  if (raw === '1') return true;
  throw new ConfigError(`ESCAPEMENT_TRUST_PROXY must be 1 (one reverse proxy in front) or 0, got "${raw}"`);
}

export function loadSecurityConfig(env: NodeJS.ProcessEnv): SecurityConfig {
  const sessionIdleMs = parseDuration('ESCAPEMENT_SESSION_IDLE', env.ESCAPEMENT_SESSION_IDLE || '30m');
  const sessionMaxMs = parseDuration('ESCAPEMENT_SESSION_MAX', env.ESCAPEMENT_SESSION_MAX || '12h');
  if (sessionIdleMs > sessionMaxMs) throw new ConfigError('ESCAPEMENT_SESSION_IDLE must not be longer than ESCAPEMENT_SESSION_MAX');
  return {
    adminEmail: parseEmail(env.ESCAPEMENT_ADMIN_EMAIL),
    trustProxy: parseTrustProxy(env.ESCAPEMENT_TRUST_PROXY),
    corsOrigins: parseOrigins(env.ESCAPEMENT_CORS_ORIGINS),
    sessionIdleMs,
    sessionMaxMs,
    rateLimits: {
      loginPerIp: parseRateLimit('ESCAPEMENT_RATE_LOGIN_IP', env.ESCAPEMENT_RATE_LOGIN_IP, '30/5m'),
      loginPerAccount: parseRateLimit('ESCAPEMENT_RATE_LOGIN_ACCOUNT', env.ESCAPEMENT_RATE_LOGIN_ACCOUNT, '10/15m'),
      ingestPerPrincipal: parseRateLimit('ESCAPEMENT_RATE_INGEST_TOKEN', env.ESCAPEMENT_RATE_INGEST_TOKEN, '600/1m'),
      ingestPerIp: parseRateLimit('ESCAPEMENT_RATE_INGEST_IP', env.ESCAPEMENT_RATE_INGEST_IP, '1200/1m'),
    },
    passwordHashing: {
      // Two of libuv's four threads: the others stay free for database handshakes, DNS and files.
      concurrency: parseCount('ESCAPEMENT_LOGIN_CONCURRENCY', env.ESCAPEMENT_LOGIN_CONCURRENCY, 2, 1, 64),
      maxWaiting: parseCount('ESCAPEMENT_LOGIN_QUEUE', env.ESCAPEMENT_LOGIN_QUEUE, 100, 0, 10_000),
    },
  };
}
