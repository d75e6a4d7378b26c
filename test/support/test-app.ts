import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadAppConfig, type AppConfig } from '../../apps/api/src/config/app-config';
import { createApp } from '../../apps/api/src/create-app';
import { dataSourceOptions } from '../../apps/api/src/database/data-source';

export interface TestApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  /** Direct SQL, for checking what was stored and for emptying tables. */
  sql: <T = Record<string, unknown>>(query: string, params?: unknown[]) => Promise<T[]>;
  close(): Promise<void>;
}

export function testDatabaseUrl(): string {
  const url = process.env.ESCAPEMENT_TEST_DATABASE_URL;
  if (!url) throw new Error('no test database: run e2e specs through test/e2e/jest.e2e.config.js');
  return url;
}

/** Builds the production app module against the run's database, with no demo data and quiet logs. */
export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const url = testDatabaseUrl();
  const config = loadAppConfig({}, { databaseUrl: url, demo: false, logLevel: 'silent', webDist: null, ...overrides });
  const app = await createApp(config, { kind: 'external', options: dataSourceOptions({ url }), embedded: null });
  const dataSource = app.get(DataSource);
  return {
    app,
    http: () => request(app.getHttpServer()),
    sql: (query, params) => dataSource.query(query, params),
    close: () => app.close(),
  };
}

/** Empties every table (keeping the schema), so each spec starts from nothing. */
export async function resetDatabase(testApp: TestApp): Promise<void> {
  const tables = await testApp.sql<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`);
  await testApp.sql(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

/** Rows of every data table, for asserting that a rejected request changed nothing. */
export async function snapshotData(testApp: TestApp): Promise<string> {
  const tables = ['teams', 'services', 'findings', 'detections', 'adoptions', 'imports'];
  const parts = await Promise.all(tables.map((t) => testApp.sql(`SELECT * FROM ${t} ORDER BY id`)));
  return JSON.stringify(parts);
}
