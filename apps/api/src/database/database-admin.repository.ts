import type { Client } from 'pg';
import type { QueryRunner } from 'typeorm';

/** Any fixed number: it names the lock that serialises migrations between processes. */
const MIGRATION_LOCK = 7_401_220_001;

/**
 * The statements that manage the database itself rather than Escapement's data: they run before the
 * application exists, on a bare connection.
 */
export const databaseAdmin = {
  /** Waits until no other process is migrating; held until `unlockMigrations` or the session ends. */
  async lockMigrations(runner: QueryRunner): Promise<void> {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  },

  async unlockMigrations(runner: QueryRunner): Promise<void> {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  },

  /** Creates the database on the server `client` is connected to, unless it exists. `name` is ours, never user input. */
  async createDatabaseIfMissing(client: Client, name: string): Promise<void> {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${name}`);
  },
};
