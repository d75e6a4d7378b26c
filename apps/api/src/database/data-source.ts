import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../../migrations';
import type { AppConfig } from '../config/app-config';
import { databaseAdmin } from './database-admin.repository';
import { EmbeddedPostgres } from './embedded-postgres';

export type DatabaseKind = 'embedded' | 'external';

/** Where the database is, and the embedded server to stop with the application (if any). */
export interface DatabaseTarget {
  kind: DatabaseKind;
  options: DataSourceOptions;
  embedded: EmbeddedPostgres | null;
}

/** The one DataSource definition shared by the server, the CLI and the tests. */
export function dataSourceOptions(connection: { url: string } | { host: string; port: number; user: string; password: string; database: string }): DataSourceOptions {
  const target =
    'url' in connection
      ? { url: connection.url }
      : { host: connection.host, port: connection.port, username: connection.user, password: connection.password, database: connection.database };
  return {
    type: 'postgres',
    ...target,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: false,
    extra: {
      max: 10,
      // Periods are UTC by contract, whatever the server's default zone. JIT compilation is off: the
      // dashboard's queries are short aggregates, and compiling them cost more than running them
      // (8.6 s of JIT for the gaps chart at 1M findings).
      options: '-c timezone=UTC -c jit=off',
      connectionTimeoutMillis: 5_000,
      application_name: 'escapement',
    },
  };
}

/** Resolves the configured database, starting the embedded server when no DATABASE_URL is set. */
export async function openDatabaseTarget(config: Pick<AppConfig, 'databaseUrl' | 'dataDir'>, log?: (m: string) => void, durable = true): Promise<DatabaseTarget> {
  if (config.databaseUrl) {
    return { kind: 'external', options: dataSourceOptions({ url: config.databaseUrl }), embedded: null };
  }
  const embedded = new EmbeddedPostgres({ dataDir: config.dataDir, log, durable });
  const connection = await embedded.start();
  return { kind: 'embedded', options: dataSourceOptions(connection), embedded };
}

/** Applies pending migrations; safe to call at every start, and from several processes at once. */
export async function migrate(options: DataSourceOptions): Promise<string[]> {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await databaseAdmin.lockMigrations(lock);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await databaseAdmin.unlockMigrations(lock).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
