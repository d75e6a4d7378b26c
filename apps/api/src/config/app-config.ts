import * as path from 'node:path';
import { ConfigError } from './config-error';
import { loadSecurityConfig, parseDuration, type SecurityConfig } from './security-config';
import { loadThreatModelLimits, type ThreatModelLimits } from './threat-model-limits';

export { ConfigError };

/** Everything the server reads from its environment, validated once at boot. */
export interface AppConfig {
  port: number;
  /** Set: an external PostgreSQL server. Unset: the embedded one under `dataDir`. */
  databaseUrl: string | null;
  /**
   * Set: a streaming replica of `databaseUrl` that serves the dashboard's and exports' reads; writes and
   * reads that must see the caller's own write (an import's status) stay on the primary.
   */
  databaseReadUrl: string | null;
  /** A replica further behind its primary than this (ms) is not read from: reads go to the primary until it catches up. */
  readReplicaMaxLagMs: number;
  dataDir: string;
  /** Seed the demo organisation into an empty embedded database on first start. */
  demo: boolean;
  /** Built dashboard to serve at `/`; null when it is not built (API only). */
  webDist: string | null;
  /** Pino's levels: nothing below this is logged. */
  logLevel: LogLevel;
  /** JSON lines for log collectors, or one coloured line per entry for a person at a terminal. */
  logFormat: 'json' | 'pretty';
  maxBodyBytes: number;
  /** Uploads larger than this (decompressed) are stored in the background: 202 and a status URL. */
  backgroundImportBytes: number;
  /** Upload bytes held on disk (being received, waiting or being stored) per sender and in all: past them, 429. */
  uploadQueuePerSenderBytes: number;
  uploadQueueTotalBytes: number;
  /** Days after a period ends before its cohort's escape rate counts as mature. */
  followUpDays: number;
  /** How long an idle kept-alive connection stays open, and how long a client may take to send headers. */
  http: { keepAliveTimeoutMs: number; headersTimeoutMs: number };
  security: SecurityConfig;
  /** Bounds on the globs and match rules of threat models and classification rules. */
  threatModels: ThreatModelLimits;
  /** Where scheduled reports are mailed from; without `url`, runs are archived only. */
  smtp: { url: string | null; from: string };
}

function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a port number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function parseFlag(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1 or 0 (true/false), got "${raw}"`);
}

function parseDatabaseUrl(raw: string | undefined, name = 'DATABASE_URL'): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL (expected postgres://user:password@host:5432/database)`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${name} must use the postgres:// scheme, got "${url.protocol}"`);
  }
  return raw;
}

function parseWholeNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number of days, got "${raw}"`);
  return value;
}

export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Whether lines of `level` are written at the configured level (`info` is written at `debug`, not at `warn`). */
export function logs(configured: LogLevel, level: Exclude<LogLevel, 'silent'>): boolean {
  return configured !== 'silent' && LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(configured);
}

function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined || raw === '') return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(raw)) return raw as LogLevel;
  throw new ConfigError(`ESCAPEMENT_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
}

/** Unset: pretty when the output is a terminal (someone is reading it), JSON when it is piped to a collector. */
function parseLogFormat(raw: string | undefined): AppConfig['logFormat'] {
  if (raw === undefined || raw === '') return process.stdout.isTTY ? 'pretty' : 'json';
  if (raw === 'json' || raw === 'pretty') return raw;
  throw new ConfigError(`ESCAPEMENT_LOG_FORMAT must be json or pretty, got "${raw}"`);
}

function parseBytes(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(raw.trim());
  if (!match) throw new ConfigError(`${name} must be a size such as 50mb, got "${raw}"`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b'];
  return Number(match[1]) * unit;
}

/**
 * The upload queue's bounds. One upload of the largest accepted size must fit in each, or such uploads
 * could never be stored; a bad combination stops the start.
 */
function parseUploadQueue(env: NodeJS.ProcessEnv): Pick<AppConfig, 'uploadQueuePerSenderBytes' | 'uploadQueueTotalBytes'> {
  const maxBody = parseBytes('ESCAPEMENT_MAX_BODY', env.ESCAPEMENT_MAX_BODY, 50 * 1024 ** 2);
  const perSender = parseBytes('ESCAPEMENT_UPLOAD_QUEUE_PER_SENDER', env.ESCAPEMENT_UPLOAD_QUEUE_PER_SENDER, 200 * 1024 ** 2);
  const total = parseBytes('ESCAPEMENT_UPLOAD_QUEUE_TOTAL', env.ESCAPEMENT_UPLOAD_QUEUE_TOTAL, 1024 ** 3);
  if (perSender < maxBody) throw new ConfigError(`ESCAPEMENT_UPLOAD_QUEUE_PER_SENDER (${perSender} bytes) must be at least ESCAPEMENT_MAX_BODY (${maxBody} bytes)`);
  if (total < perSender) throw new ConfigError(`ESCAPEMENT_UPLOAD_QUEUE_TOTAL (${total} bytes) must be at least ESCAPEMENT_UPLOAD_QUEUE_PER_SENDER (${perSender} bytes)`);
  return { uploadQueuePerSenderBytes: perSender, uploadQueueTotalBytes: total };
}

/**
 * Node closes an idle kept-alive connection after 5 s by default. A load balancer or client that reuses
 * it later gets the connection closed under its request (a 502, or "other side closed"), so the server
 * must keep idle connections longer than whatever sits in front: common balancers idle out after 60 s.
 * The headers timeout must exceed it, or a slow first request on a reused connection is cut short.
 */
function parseHttpTimeouts(env: NodeJS.ProcessEnv): AppConfig['http'] {
  const keepAliveTimeoutMs = parseDuration('ESCAPEMENT_KEEP_ALIVE_TIMEOUT', env.ESCAPEMENT_KEEP_ALIVE_TIMEOUT || '65s');
  const headersTimeoutMs = parseDuration('ESCAPEMENT_HEADERS_TIMEOUT', env.ESCAPEMENT_HEADERS_TIMEOUT || '66s');
  if (headersTimeoutMs <= keepAliveTimeoutMs) {
    throw new ConfigError(
      `ESCAPEMENT_HEADERS_TIMEOUT (${headersTimeoutMs / 1000} s) must be longer than ESCAPEMENT_KEEP_ALIVE_TIMEOUT (${keepAliveTimeoutMs / 1000} s)`,
    );
  }
  if (headersTimeoutMs > 10 * 60_000) throw new ConfigError('ESCAPEMENT_HEADERS_TIMEOUT must be at most 10m: a client slower than that holds a connection for nothing');
  return { keepAliveTimeoutMs, headersTimeoutMs };
}

function parseSmtp(env: NodeJS.ProcessEnv): AppConfig['smtp'] {
  const from = env.ESCAPEMENT_SMTP_FROM?.trim() || 'Escapement <escapement@localhost>';
  const raw = env.ESCAPEMENT_SMTP_URL?.trim();
  if (!raw) return { url: null, from };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('ESCAPEMENT_SMTP_URL is not a valid URL (expected smtp://user:password@host:587 or smtps://host:465)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new ConfigError(`ESCAPEMENT_SMTP_URL must use smtp:// or smtps://, got "${url.protocol}"`);
  return { url: raw, from };
}

/** The dashboard's build output, found through its workspace package wherever this file was compiled to. */
export function defaultWebDist(): string | null {
  try {
    return path.join(path.dirname(require.resolve('@escapement/web/package.json')), 'dist');
  } catch {
    return null;
  }
}

/** Reads the environment into one typed object; a bad variable stops the start with a clear message. */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const databaseUrl = parseDatabaseUrl(env.DATABASE_URL);
  const databaseReadUrl = parseDatabaseUrl(env.DATABASE_READ_URL, 'DATABASE_READ_URL');
  // A replica streams from a server the operator runs; the embedded database has none.
  if (databaseReadUrl && !databaseUrl) throw new ConfigError('DATABASE_READ_URL names a replica of DATABASE_URL: set DATABASE_URL too');
  return {
    port: parsePort('PORT', env.PORT, 3000),
    databaseUrl,
    databaseReadUrl,
    readReplicaMaxLagMs: parseDuration('ESCAPEMENT_READ_MAX_LAG', env.ESCAPEMENT_READ_MAX_LAG || '30s'),
    dataDir: path.resolve(env.ESCAPEMENT_DATA_DIR || './data'),
    // The demo never lands in an external database unless asked for explicitly.
    demo: parseFlag('ESCAPEMENT_DEMO', env.ESCAPEMENT_DEMO, databaseUrl === null) && (databaseUrl === null || env.ESCAPEMENT_DEMO === '1'),
    webDist: defaultWebDist(),
    logLevel: parseLogLevel(env.ESCAPEMENT_LOG_LEVEL),
    logFormat: parseLogFormat(env.ESCAPEMENT_LOG_FORMAT),
    maxBodyBytes: parseBytes('ESCAPEMENT_MAX_BODY', env.ESCAPEMENT_MAX_BODY, 50 * 1024 ** 2),
    backgroundImportBytes: parseBytes('ESCAPEMENT_BACKGROUND_IMPORT', env.ESCAPEMENT_BACKGROUND_IMPORT, 5 * 1024 ** 2),
    ...parseUploadQueue(env),
    http: parseHttpTimeouts(env),
    security: loadSecurityConfig(env),
    followUpDays: parseWholeNumber('ESCAPEMENT_FOLLOW_UP_DAYS', env.ESCAPEMENT_FOLLOW_UP_DAYS, 90),
    threatModels: loadThreatModelLimits(env),
    smtp: parseSmtp(env),
    ...overrides,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
