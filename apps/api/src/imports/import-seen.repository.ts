import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { arrayLiteral, modifyReturning } from '../common/sql';
import type { UpsertCounts } from '../findings/finding-record';
import type { BatchOutcome } from '../findings/batch-outcome';

/**
 * The findings an import has stored so far, kept in a temporary table of its own transaction rather than in
 * the server's memory: a 250,000-result SARIF held a quarter of a million ids in sets to the end, which the
 * garbage collector multiplied into 100 MB or more of heap. The table goes with the transaction.
 */
@Injectable()
export class ImportSeenRepository {
  /** Starts an empty list for the import in `manager`'s transaction. */
  async open(manager: EntityManager): Promise<void> {
    // No key while batches arrive: appending costs a batch about 6 ms where keeping a key cost 15 (2,000 ids).
    await manager.query(`CREATE TEMPORARY TABLE import_seen (finding_id uuid NOT NULL, created boolean NOT NULL, updated boolean NOT NULL) ON COMMIT DROP`);
  }

  /** Adds a stored batch; a finding met in several batches has a row for each, and counts once (below). */
  async add(manager: EntityManager, outcome: BatchOutcome): Promise<void> {
    if (outcome.allIds.length === 0) return;
    const created = new Set(outcome.createdIds);
    const updated = new Set(outcome.updatedIds);
    await manager.query(
      `INSERT INTO import_seen (finding_id, created, updated) SELECT * FROM unnest($1::uuid[], $2::boolean[], $3::boolean[])`,
      [arrayLiteral(outcome.allIds), arrayLiteral(outcome.allIds.map((id) => String(created.has(id)))), arrayLiteral(outcome.allIds.map((id) => String(updated.has(id))))],
    );
  }

  /** Distinct findings created, updated (and not created) and left as they were; `received` counts sightings. */
  async counts(manager: EntityManager, received: number): Promise<UpsertCounts> {
    const [row]: { created: number; updated: number; unchanged: number }[] = await manager.query(
      `SELECT count(*) FILTER (WHERE created)::int AS created,
              count(*) FILTER (WHERE updated AND NOT created)::int AS updated,
              count(*) FILTER (WHERE NOT created AND NOT updated)::int AS unchanged
         FROM (SELECT bool_or(created) AS created, bool_or(updated) AS updated FROM import_seen GROUP BY finding_id) AS finding`,
    );
    return { received, created: row.created, updated: row.updated, unchanged: row.unchanged };
  }

  /** Marks fixed the open findings of `tools` in the service that the import does not contain; answers how many. */
  async fixUnseen(manager: EntityManager, service: string, tools: string[], fixedAt: string): Promise<number> {
    // Each open finding is looked up in the list: without an index, and with the statistics a large import
    // leaves stale (autovacuum may not have run), PostgreSQL scanned the whole list once per finding (minutes
    // at 250,000); with it, 0.7 s.
    await manager.query(`CREATE INDEX ON import_seen (finding_id)`);
    // Temporary tables are never analysed for the planner by autovacuum: without counts it may still guess a plan
    // for a handful of rows.
    await manager.query(`ANALYZE import_seen`);
    const rows = await modifyReturning<{ id: string }>(
      manager,
      `UPDATE findings f
          SET status = 'fixed', fixed_at = $3::timestamptz, updated_at = now()
         FROM services s
        WHERE s.id = f.service_id AND s.name = $1 AND f.tool = ANY($2::text[]) AND f.status = 'open'
          AND NOT EXISTS (SELECT 1 FROM import_seen i WHERE i.finding_id = f.id)
       RETURNING f.id`,
      [service, tools, fixedAt],
    );
    return rows.length;
  }
}
