import { Injectable } from '@nestjs/common';
import * as fs from 'node:fs';
import { once } from 'node:events';
import type { EntityManager } from 'typeorm';

/** Bytes per stored part: one part is the most an upload holds in memory while it is moved. */
const PART_BYTES = 1024 * 1024;

/**
 * The received file of a background import, kept in the database until it is stored, so that any
 * instance can process it and a restart does not lose it. Written and read one part at a time.
 */
@Injectable()
export class ImportUploadRepository {
  /** Copies the spooled file into the import's parts, inside the transaction that opens the import. */
  async save(manager: EntityManager, importId: string, file: string): Promise<void> {
    let part = 0;
    for await (const chunk of fs.createReadStream(file, { highWaterMark: PART_BYTES })) {
      await manager.query(`INSERT INTO import_uploads (import_id, part, bytes) VALUES ($1, $2, $3)`, [importId, part++, chunk]);
    }
  }

  /** Writes the import's parts, in order, to a local file for the readers. */
  async restore(manager: EntityManager, importId: string, file: string): Promise<number> {
    const sink = fs.createWriteStream(file, { mode: 0o600 });
    const closed = once(sink, 'close');
    let parts = 0;
    try {
      for (;;) {
        const [row]: { bytes: Buffer }[] = await manager.query(`SELECT bytes FROM import_uploads WHERE import_id = $1 AND part = $2`, [importId, parts]);
        if (!row) break;
        parts += 1;
        if (!sink.write(row.bytes)) await once(sink, 'drain');
      }
    } finally {
      sink.end();
      await closed;
    }
    return parts;
  }

  /** Once the import is stored or has failed, its file is no longer needed. */
  async remove(manager: EntityManager, importId: string): Promise<void> {
    await manager.query(`DELETE FROM import_uploads WHERE import_id = $1`, [importId]);
  }
}
