import * as fs from 'node:fs';
import type { EmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';

export default async function teardown(): Promise<void> {
  const held = (globalThis as Record<string, unknown>).__escapementEmbedded as { embedded: EmbeddedPostgres; dataDir: string } | undefined;
  if (!held) return;
  await held.embedded.stop();
  fs.rmSync(held.dataDir, { recursive: true, force: true });
}
