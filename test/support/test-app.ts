import type { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Role, TokenScope } from '@escapement/domain';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { sha256 } from '../../apps/api/src/auth/secrets';
import { loadAppConfig, type AppConfig } from '../../apps/api/src/config/app-config';
import type { SecurityConfig } from '../../apps/api/src/config/security-config';
import { createApp, type CreateAppOptions } from '../../apps/api/src/create-app';
import { lockSearchSets } from '../../apps/api/src/findings/finding-search.repository';
import { dataSourceOptions } from '../../apps/api/src/database/data-source';
import { httpClient, type HttpClient } from './http-client';
import { createTestToken, createTestUser, startTestSession, type TestUser } from './principals';

/** The token every spec's `http()` sends: an admin token, put back after each reset of the database. */
const ADMIN_TOKEN = { prefix: '0e2e0e2e0e2e', secret: 'e2e-admin'.padEnd(43, '0') };
const ADMIN_BEARER = `esc_${ADMIN_TOKEN.prefix}_${ADMIN_TOKEN.secret}`;

export interface SignedIn {
  http: HttpClient;
  user: TestUser;
  csrfToken: string;
  cookie: string;
}

export interface TestApp {
  app: INestApplication;
  /** As an administrator's API token: what most specs need, so they stay about their subject. */
  http: () => HttpClient;
  /** Nobody signed in. */
  anonymous: () => ReturnType<typeof request>;
  /** As a new machine token with these scopes (and team). */
  asToken: (options: { scopes: TokenScope[]; teamId?: string | null; name?: string }) => Promise<{ http: HttpClient; id: string; secret: string }>;
  /** As a new person with this role, signed in with a session; the CSRF header is sent on every request. */
  asUser: (options: { role: Role; teamIds?: string[]; email?: string; mustChangePassword?: boolean }) => Promise<SignedIn>;
  /** Direct SQL, for checking what was stored and for emptying tables. */
  sql: <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;
  close(): Promise<void>;
}

export function testDatabaseUrl(): string {
  const url = process.env.ESCAPEMENT_TEST_DATABASE_URL;
  if (!url) throw new Error('no test database: run e2e specs through test/e2e/jest.e2e.config.js');
  return url;
}

/** Configuration overrides for the security settings, on top of the production defaults. */
export function withSecurity(patch: Partial<SecurityConfig>): Pick<AppConfig, 'security'> {
  const defaults = loadAppConfig({}).security;
  return { security: { ...defaults, ...patch, rateLimits: { ...defaults.rateLimits, ...patch.rateLimits } } };
}

/** Puts the admin token of `http()` in place (again, after a reset emptied the table). Not audited: not an event. */
async function installAdminToken(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO api_tokens (name, prefix, secret_sha256, scopes, created_by) VALUES ('e2e-admin', $1, $2, '{admin}', 'test')
     ON CONFLICT (prefix) DO UPDATE SET revoked_at = NULL, expires_at = NULL, scopes = '{admin}', team_id = NULL`,
    [ADMIN_TOKEN.prefix, sha256(ADMIN_TOKEN.secret)],
  );
}

let stub: string | null = null;

/**
 * A one-page dashboard, so that every spec's app serves static files as production does: the
 * static-file module changes how errors raised before routing are answered, and an app built without
 * it once hid that every JSON body error answered 404 in production.
 */
export function stubDashboard(): string {
  if (stub && fs.existsSync(path.join(stub, 'index.html'))) return stub;
  stub = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-dashboard-'));
  fs.writeFileSync(path.join(stub, 'index.html'), '<!doctype html><title>Escapement</title><div id="root"></div>\n');
  process.once('exit', () => fs.rmSync(stub!, { recursive: true, force: true }));
  return stub;
}

/**
 * Builds the production app module against the run's database, with no demo data and quiet logs (a spec
 * that reads the logs passes a level and a destination).
 */
export async function startTestApp(overrides: Partial<AppConfig> = {}, options: CreateAppOptions = {}): Promise<TestApp> {
  const url = testDatabaseUrl();
  const config = loadAppConfig({}, { databaseUrl: url, demo: false, logLevel: 'silent', webDist: stubDashboard(), ...overrides });
  const app = await createApp(config, { kind: 'external', options: dataSourceOptions({ url: config.databaseUrl ?? url }), embedded: null }, options);
  const dataSource = app.get(DataSource);
  await installAdminToken(dataSource);
  const server = app.getHttpServer();
  let users = 0;
  return {
    app,
    http: () => httpClient(server, () => ({ authorization: `Bearer ${ADMIN_BEARER}` })),
    anonymous: () => request(server),
    asToken: async ({ scopes, teamId, name }) => {
      const token = await createTestToken(app, { name: name ?? `e2e-${scopes.join('+')}-${++users}`, scopes, teamId });
      return { ...token, http: httpClient(server, () => ({ authorization: `Bearer ${token.secret}` })) };
    },
    asUser: async ({ role, teamIds, email, mustChangePassword }) => {
      const user = await createTestUser(app, { email: email ?? `${role.replace('_', '-')}-${++users}@example.com`, role, teamIds, mustChangePassword });
      const session = await startTestSession(app, user.id);
      return { user, csrfToken: session.csrfToken, cookie: session.cookie, http: httpClient(server, () => ({ cookie: session.cookie, 'x-csrf-token': session.csrfToken })) };
    },
    sql: (query, params) => dataSource.query(query, params),
    close: () => app.close(),
  };
}

/** Makes the app listen on a free local port, for specs that need real connections (many at once, kept alive). */
export async function listenLocally(testApp: TestApp): Promise<string> {
  await testApp.app.listen(0, '127.0.0.1');
  const { port } = testApp.app.getHttpServer().address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

/** Empties every table (keeping the schema), so each spec starts from nothing but the admin token of `http()`. */
export async function resetDatabase(testApp: TestApp): Promise<void> {
  const tables = await testApp.sql<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
  await testApp.app.get(DataSource).transaction(async (manager) => {
    // The text search's catch-up after an upload may be running: take its lock first, so the two queue
    // one behind the other instead of each holding a table the other waits for.
    await lockSearchSets(manager);
    await manager.query(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY CASCADE`);
  });
  await installAdminToken(testApp.app.get(DataSource));
}

/** Rows of every data table, for asserting that a rejected request changed nothing. */
export async function snapshotData(testApp: TestApp): Promise<string> {
  const tables = ['teams', 'services', 'findings', 'detections', 'adoptions', 'imports'];
  const parts = await Promise.all(tables.map((t) => testApp.sql(`SELECT * FROM ${t} ORDER BY id`)));
  return JSON.stringify(parts);
}
