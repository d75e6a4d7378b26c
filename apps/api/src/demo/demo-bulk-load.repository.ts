import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { arrayLiteral } from '../common/sql';
import type { DetectionRecord } from '../findings/finding-batch';
import { NEW_FINDING_COLUMNS, NEW_FINDING_ROWS, NEW_FINDING_VALUES, newFindingArrays } from '../findings/finding-ingest.repository';
import type { FindingRecord } from '../findings/finding-record';

/** An index taken off for a bulk load, and the statement that builds it again. */
export interface SuspendedIndex {
  name: string;
  rebuild: string;
}

/**
 * Tables whose indexes a bulk load builds once at the end instead of row by row (at a million findings,
 * keeping the findings' 17 indexes is most of the cost of storing a row). Kept: the primary keys, and
 * what each batch's own statements look findings up by (their links, by finding).
 */
const REBUILT_TABLES = ['findings', 'detections', 'finding_links', 'finding_gap_facts', 'finding_components'];
const KEPT_DURING_LOAD = ['finding_links_unique'];

export interface StoredFinding {
  id: string;
  service_id: string;
  fingerprint: string;
}

/**
 * The per-finding triggers that a bulk load into an empty database replaces with set-based work: the
 * change link (one lookup per finding, done in the insert itself), and the gap facts written once as a
 * finding is stored and again as each of its links arrives (written once, after the links).
 */
const HELD_BACK = [
  ['findings', 'findings_link_change_insert'],
  ['findings', 'finding_gap_facts_insert'],
  ['finding_links', 'finding_gap_facts_links_insert'],
] as const;

/**
 * SQL of the demo's bulk load: new findings of a database that holds none, stored in a few statements
 * per batch. Every rollup stays exact through its statement-level trigger; only the triggers above are
 * held back, inside the batch's transaction, and their work is done by the same functions they call.
 */
@Injectable()
export class DemoBulkLoadRepository {
  /**
   * Inside the caller's transaction only: other sessions never see the triggers off, and wait on the
   * tables' lock until the batch commits with them back on.
   */
  async holdBackPerFindingTriggers(manager: EntityManager): Promise<void> {
    for (const [table, trigger] of HELD_BACK) await manager.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
  }

  async restorePerFindingTriggers(manager: EntityManager): Promise<void> {
    for (const [table, trigger] of HELD_BACK) await manager.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
  }

  /**
   * Drops the secondary indexes (and the unique constraints they back) of the tables a bulk load fills,
   * returning how to build each again. Inside the load's transaction: a failed load leaves them as they were.
   */
  async suspendIndexes(manager: EntityManager): Promise<SuspendedIndex[]> {
    const indexes: { name: string; table: string; constraint_def: string | null; index_def: string }[] = await manager.query(
      `SELECT i.indexrelid::regclass::text AS name, i.indrelid::regclass::text AS "table",
              pg_get_constraintdef(c.oid) AS constraint_def, pg_get_indexdef(i.indexrelid) AS index_def
         FROM pg_index i
         LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype = 'u'
        WHERE i.indrelid = ANY ($1::regclass[]) AND NOT i.indisprimary AND i.indexrelid::regclass::text <> ALL ($2::text[])
        ORDER BY 2, 1`,
      [REBUILT_TABLES, KEPT_DURING_LOAD],
    );
    for (const index of indexes) {
      await manager.query(index.constraint_def ? `ALTER TABLE ${index.table} DROP CONSTRAINT ${index.name}` : `DROP INDEX ${index.name}`);
    }
    return indexes.map((index) => ({
      name: index.name,
      rebuild: index.constraint_def ? `ALTER TABLE ${index.table} ADD CONSTRAINT ${index.name} ${index.constraint_def}` : index.index_def,
    }));
  }

  /** Builds the suspended indexes from the loaded rows, each in one sorted pass. */
  async rebuildIndexes(manager: EntityManager, indexes: readonly SuspendedIndex[]): Promise<void> {
    // An index built from a sort is faster the more of the sort fits in memory; for this transaction only.
    await manager.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const index of indexes) await manager.query(index.rebuild);
  }

  async serviceIds(manager: EntityManager, names: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM services WHERE name = ANY($1::text[])`, [names]);
    return new Map(rows.map((row) => [row.name, row.id]));
  }

  /**
   * Inserts findings none of which is stored yet, each tied to its change by its introducing commit as
   * the change-link trigger would (the same function; the demo names no change id nor ref).
   */
  insertFindings(manager: EntityManager, findings: readonly FindingRecord[], serviceId: ReadonlyMap<string, string>): Promise<StoredFinding[]> {
    return manager.query(
      `INSERT INTO findings (${NEW_FINDING_COLUMNS}, linked_change_id, change_link_source)
       SELECT ${NEW_FINDING_VALUES}, l.change_id, l.link_source
         FROM ${NEW_FINDING_ROWS}
         LEFT JOIN LATERAL (
           SELECT c.change_id, c.link_source FROM finding_change_link(i.service_id, NULL, NULL, i.introduced_commit) c
            WHERE i.introduced_commit IS NOT NULL
         ) l ON true
       RETURNING id, service_id, fingerprint`,
      newFindingArrays(findings, serviceId),
    );
  }

  async insertDetections(manager: EntityManager, detections: readonly DetectionRecord[], findingIdOfEach: readonly string[], importId: string): Promise<void> {
    await manager.query(
      `INSERT INTO detections (finding_id, stage, source_kind, tool, import_id, commit_sha, detected_at)
       SELECT i.finding_id, i.stage::detection_stage, i.source_kind::source_kind, i.tool, $6::uuid, i.commit_sha, i.detected_at
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $7::timestamptz[])
           AS i(finding_id, stage, source_kind, tool, commit_sha, detected_at)`,
      [
        arrayLiteral(findingIdOfEach),
        arrayLiteral(detections.map((d) => d.stage)),
        arrayLiteral(detections.map((d) => d.sourceKind)),
        arrayLiteral(detections.map((d) => d.tool)),
        arrayLiteral(detections.map((d) => d.commitSha)),
        importId,
        arrayLiteral(detections.map((d) => d.detectedAt.toISOString())),
      ],
    );
  }

  /** The gap facts of findings whose links are all stored, written once by the function the link trigger calls. */
  async storeGapFacts(manager: EntityManager, findingIds: readonly string[]): Promise<void> {
    await manager.query(`SELECT finding_gap_facts_refresh($1::uuid[])`, [arrayLiteral(findingIds)]);
  }
}
