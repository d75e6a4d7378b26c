import * as path from 'node:path';
import { ConfigError } from './config-error';
import { loadSecurityConfig, type SecurityConfig } from './security-config';
import { loadThreatModelLimits, type ThreatModelLimits } from './threat-model-limits';

export { ConfigError };

/** Everything the server reads from its environment, validated once at boot. */
export interface AppConfig {
  port: number;
  /** Set: an external PostgreSQL server. Unset: the embedded one under `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Seed the demo organisation into an empty embedded database on first start. */
  demo: boolean;
  /** Built dashboard to serve at `/`; null when it is not built (API only). */
  webDist: string | null;
  logLevel: 'silent' | 'error' | 'info';
  maxBodyBytes: number;
  /** Uploads larger than this (decompressed) are stored in the background: 202 and a status URL. */
  backgroundImportBytes: number;
  /** Days after a period ends before its cohort's escape rate counts as mature. */
  followUpDays: number;
  security: SecurityConfig;
  /** Bounds on the globs and match rules of threat models and classification rules. */
  threatModels: ThreatModelLimits;
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

function parseDatabaseUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must use the postgres:// scheme, got "${url.protocol}"`);
  }
  return raw;
}

function parseWholeNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} must be a whole number of days, got "${raw}"`);
  return value;
}

function parseLogLevel(raw: string | undefined): AppConfig['logLevel'] {
  if (raw === undefined || raw === '') return 'info';
  if (raw === 'silent' || raw === 'error' || raw === 'info') return raw;
  throw new ConfigError(`ESCAPEMENT_LOG_LEVEL must be silent, error or info, got "${raw}"`);
}

function parseBytes(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(raw.trim());
  if (!match) throw new ConfigError(`${name} must be a size such as 50mb, got "${raw}"`);
  const unit = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match[2] ?? 'b').toLowerCase() as 'b'];
  return Number(match[1]) * unit;
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
  return {
    port: parsePort('PORT', env.PORT, 3000),
    databaseUrl,
    dataDir: path.resolve(env.ESCAPEMENT_DATA_DIR || './data'),
    // The demo never lands in an external database unless asked for explicitly.
    demo: parseFlag('ESCAPEMENT_DEMO', env.ESCAPEMENT_DEMO, databaseUrl === null) && (databaseUrl === null || env.ESCAPEMENT_DEMO === '1'),
    webDist: defaultWebDist(),
    logLevel: parseLogLevel(env.ESCAPEMENT_LOG_LEVEL),
    maxBodyBytes: parseBytes('ESCAPEMENT_MAX_BODY', env.ESCAPEMENT_MAX_BODY, 50 * 1024 ** 2),
    backgroundImportBytes: parseBytes('ESCAPEMENT_BACKGROUND_IMPORT', env.ESCAPEMENT_BACKGROUND_IMPORT, 5 * 1024 ** 2),
    security: loadSecurityConfig(env),
    followUpDays: parseWholeNumber('ESCAPEMENT_FOLLOW_UP_DAYS', env.ESCAPEMENT_FOLLOW_UP_DAYS, 90),
    threatModels: loadThreatModelLimits(env),
    ...overrides,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
