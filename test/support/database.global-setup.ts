import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { dataSourceOptions, migrate } from '../../apps/api/src/database/data-source';

/**
 * Gives the e2e run one migrated database: the PostgreSQL server named by DATABASE_URL when
 * ESCAPEMENT_TEST_DB=postgres, else a throw-away embedded server. Specs find it in
 * ESCAPEMENT_TEST_DATABASE_URL and empty its tables between specs.
 */
export default async function setup(): Promise<void> {
  process.env.TZ = 'UTC';
  let url: string;
  if (process.env.ESCAPEMENT_TEST_DB === 'postgres') {
    if (!process.env.DATABASE_URL) throw new Error('ESCAPEMENT_TEST_DB=postgres needs DATABASE_URL');
    url = process.env.DATABASE_URL;
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-e2e-'));
    const embedded = new EmbeddedPostgres({ dataDir, durable: false });
    const c = await embedded.start();
    url = `postgres://${c.user}:${encodeURIComponent(c.password)}@${c.host}:${c.port}/${c.database}`;
    (globalThis as Record<string, unknown>).__escapementEmbedded = { embedded, dataDir };
  }
  await migrate(dataSourceOptions({ url }));
  process.env.ESCAPEMENT_TEST_DATABASE_URL = url;
}
