import { loadAppConfig, migrate, openDatabaseTarget } from '@escapement/api';

/** `escapement db migrate`: applies pending migrations to the configured database. */
export async function dbMigrateCommand(): Promise<void> {
  const config = loadAppConfig();
  const target = await openDatabaseTarget(config);
  try {
    const applied = await migrate(target.options);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
  } finally {
    await target.embedded?.stop();
  }
}
