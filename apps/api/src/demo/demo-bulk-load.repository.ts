import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NEW_DETECTION_COLUMNS, NEW_DETECTION_ROWS, NEW_DETECTION_VALUES, NEW_FINDING_COLUMNS, NEW_FINDING_ROWS_WITH_IDS, NEW_FINDING_VALUES } from '../findings/finding-ingest.repository';
import { lockSearchSets } from '../findings/finding-search.repository';

/** An index or a foreign key taken off for a bulk load, and the statement that makes it again. */
export interface Suspended {
  name: string;
  rebuild: string;
}

/**
 * The per-finding triggers that a bulk load replaces with set-based work: the change link (one lookup per
 * finding, one join in the final insert instead), and the gap facts written once as a finding is stored and
 * again as each of its links arrives (written once, after the links, by `finding_gap_facts_fill()`, from the
 * same text as the refresh the link trigger calls).
 */
const HELD_BACK: readonly HeldBackTrigger[] = [
  ['findings', 'findings_link_change_insert'],
  ['findings', 'finding_gap_facts_insert'],
  ['finding_links', 'finding_gap_facts_links_insert'],
];

/**
 * Tables whose indexes a bulk load builds once at the end instead of row by row (at a million findings,
 * keeping the findings' 17 indexes is most of the cost of storing a row). Kept: the primary keys; the
 * links' index by finding is built before the rest (`LINKS_BY_FINDING`).
 */
const REBUILT_TABLES = ['findings', 'detections', 'finding_links', 'finding_gap_facts', 'finding_components', 'change_commits'];
/** Tables the foreign keys of `REBUILT_TABLES` name: dropping a foreign key locks the table it names. */
const REFERENCED_TABLES = ['imports', 'services', 'changes', 'threat_models'];

export const NOT_EMPTY = 'A bulk demo load needs a database without findings.';
/**
 * The links' index by finding, built again as soon as the links are stored and before the rest: the gap
 * facts read each finding's links through it. Dropped while the links are inserted, since keeping a unique
 * index checked row by row (an insert that skips conflicts) made that insert three times slower.
 */
export const LINKS_BY_FINDING = 'finding_links_unique';

/** Staging tables of the load's transaction, shaped as the tables they go to, with their defaults (ids). */
const STAGED = { findings: 'demo_staged_findings', detections: 'demo_staged_detections', links: 'demo_staged_links' } as const;

/**
 * SQL of the demo's bulk load into a database without findings. Batches are staged in temporary tables;
 * at the end every staged finding is stored by one statement, so each rollup's statement trigger runs once
 * over all of them (batch by batch, each batch's random days touched most rollup rows again: at a million
 * findings that was 3 of the 4 s a batch took). Only the triggers above are held back, inside the load's
 * transaction, and their work is done set-based: by the functions they call, or for the change link by a join.
 * While the staged rows are stored, the tables they fill and those their foreign keys name (services,
 * imports, changes, threat models) are locked: it is meant for a database being set up, not one in use.
 */
@Injectable()
export class DemoBulkLoadRepository {
  /**
   * Taken first, before any batch is staged: one bulk load at a time (a second waits here for the first to
   * commit, then finds its findings and is refused at once), and what the batches are classified and linked
   * by (the workspace's rules, the threat models and their versions) held unchanged until the load commits,
   * so every batch sees the same ones, as they stand when the staged rows are stored; a rule or model change
   * meanwhile waits, as it would wait for an upload. Threat models before their versions, as imports take them.
   */
  async lockForStaging(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('demo_bulk_load'))`);
    await manager.query(`LOCK TABLE threat_models, threat_model_versions, classification_rules IN SHARE MODE`);
    if (await holdsAnyFinding(manager)) throw new Error(NOT_EMPTY);
  }

  /**
   * Takes every lock the store will need, once every batch is staged and before anything is stored, in one
   * order: the text search's sets, then the tables the loaded rows' foreign keys name (an upload takes those
   * before the findings, so the load must not hold the findings while it waits for them), then the loaded
   * tables; then checks, under the locks, that the database still holds no finding. The load's later
   * statements then never wait on anyone. (Staging held only weak locks, which no upload waits on.)
   */
  async lockForLoad(manager: EntityManager): Promise<void> {
    await lockSearchSets(manager);
    await manager.query(`LOCK TABLE ${[...REFERENCED_TABLES, ...REBUILT_TABLES].join(', ')} IN ACCESS EXCLUSIVE MODE`);
    if (await holdsAnyFinding(manager)) throw new Error(NOT_EMPTY);
  }

  /**
   * Inside the caller's transaction only: other sessions never see the triggers off, and wait on the
   * tables' lock until the load commits with them back on.
   */
  holdBackPerFindingTriggers(manager: EntityManager): Promise<void> {
    return holdBackTriggers(manager, HELD_BACK);
  }

  restorePerFindingTriggers(manager: EntityManager): Promise<void> {
    return restoreTriggers(manager, HELD_BACK);
  }

  /**
   * Drops the secondary indexes (and the unique constraints they back) of the tables a bulk load fills,
   * returning how to build each again. Inside the load's transaction: a failed load leaves them as they were.
   */
  async suspendIndexes(manager: EntityManager): Promise<Suspended[]> {
    const indexes: { name: string; table: string; constraint_def: string | null; index_def: string }[] = await manager.query(
      `SELECT i.indexrelid::regclass::text AS name, i.indrelid::regclass::text AS "table",
              pg_get_constraintdef(c.oid) AS constraint_def, pg_get_indexdef(i.indexrelid) AS index_def
         FROM pg_index i
         LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype = 'u'
        WHERE i.indrelid = ANY ($1::regclass[]) AND NOT i.indisprimary
        ORDER BY 2, 1`,
      [REBUILT_TABLES],
    );
    for (const index of indexes) {
      await manager.query(index.constraint_def ? `ALTER TABLE ${index.table} DROP CONSTRAINT ${index.name}` : `DROP INDEX ${index.name}`);
    }
    return indexes.map((index) => ({
      name: index.name,
      rebuild: index.constraint_def ? `ALTER TABLE ${index.table} ADD CONSTRAINT ${index.name} ${index.constraint_def}` : index.index_def,
    }));
  }

  /**
   * Drops the foreign keys of the tables a bulk load fills: each is checked row by row as rows arrive (at a
   * million findings, 7 s of the findings' insert and most of the detections' and links'), and once, by one
   * join, when it is added again at the end. Inside the load's transaction, like the indexes.
   */
  async suspendForeignKeys(manager: EntityManager): Promise<Suspended[]> {
    const keys: { name: string; table: string; definition: string }[] = await manager.query(
      `SELECT conname AS name, conrelid::regclass::text AS "table", pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY ($1::regclass[])
        ORDER BY 2, 1`,
      [REBUILT_TABLES],
    );
    for (const key of keys) await manager.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`);
    return keys.map((key) => ({ name: key.name, rebuild: `ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.definition}` }));
  }

  /**
   * Builds the suspended indexes from the loaded rows, each in one sorted pass, then adds the foreign keys
   * back (each checked by one join over the loaded rows).
   */
  async rebuild(manager: EntityManager, suspended: readonly Suspended[]): Promise<void> {
    // An index built from a sort is faster the more of the sort fits in memory; for this transaction only.
    await manager.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    for (const structure of suspended) await manager.query(structure.rebuild);
  }

  /**
   * The load's statements aggregate and join millions of rows (the rollups' statement triggers over every
   * finding, the change links): room to do it in memory rather than in temporary files, for this transaction only.
   */
  async roomForLargeStatements(manager: EntityManager): Promise<void> {
    await manager.query(`SET LOCAL work_mem = '256MB'`);
  }

  async createStaging(manager: EntityManager): Promise<void> {
    await manager.query(`CREATE TEMPORARY TABLE ${STAGED.findings} (LIKE findings INCLUDING DEFAULTS) ON COMMIT DROP`);
    await manager.query(`CREATE TEMPORARY TABLE ${STAGED.detections} (LIKE detections INCLUDING DEFAULTS) ON COMMIT DROP`);
    await manager.query(`CREATE TEMPORARY TABLE ${STAGED.links} (LIKE finding_links INCLUDING DEFAULTS) ON COMMIT DROP`);
  }

  async serviceIds(manager: EntityManager, names: readonly string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM services WHERE name = ANY($1::text[])`, [names]);
    return new Map(rows.map((row) => [row.name, row.id]));
  }

  /**
   * Stages a batch encoded by `DemoBatchEncoder`: its findings with the ids they will be stored with, their
   * detections and their automatic links. Sent together: none waits on another's reply.
   */
  async stageBatch(manager: EntityManager, findings: readonly string[], detections: readonly string[], links: readonly string[] | null): Promise<void> {
    await Promise.all([
      manager.query(`INSERT INTO ${STAGED.findings} (id, ${NEW_FINDING_COLUMNS}) SELECT i.id, ${NEW_FINDING_VALUES} FROM ${NEW_FINDING_ROWS_WITH_IDS}`, [...findings]),
      manager.query(`INSERT INTO ${STAGED.detections} (${NEW_DETECTION_COLUMNS}) SELECT ${NEW_DETECTION_VALUES} FROM ${NEW_DETECTION_ROWS}`, [...detections]),
      links &&
        manager.query(
          `INSERT INTO ${STAGED.links} (finding_id, threat_model_id, component_key, threat_key, source)
           SELECT *, 'auto' FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])`,
          [...links],
        ),
    ]);
  }

  /**
   * Stores everything staged: the findings in one statement, each tied to its change by its introducing
   * commit as the change-link trigger would, then their detections and links. The demo names no change id
   * nor ref, so of `finding_change_link`'s rules only the commit's applies: among the changes holding the
   * service's commit, the first merged (then the lowest id). Joined once here rather than looked up per
   * finding (at a million findings, 20 s of index reads).
   */
  async storeStaged(manager: EntityManager): Promise<void> {
    const columns: { name: string }[] = await manager.query(
      `SELECT attname AS name FROM pg_attribute WHERE attrelid = 'findings'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    );
    const linked: Record<string, string> = { linked_change_id: 'l.change_id', change_link_source: `CASE WHEN l.change_id IS NOT NULL THEN 'commit' END` };
    await manager.query(
      `INSERT INTO findings (${columns.map((c) => c.name).join(', ')})
       SELECT ${columns.map((c) => linked[c.name] ?? `s.${c.name}`).join(', ')}
         FROM ${STAGED.findings} s
         LEFT JOIN (
           SELECT DISTINCT ON (cc.service_id, cc.commit_sha) cc.service_id, cc.commit_sha, c.id AS change_id
             FROM change_commits cc JOIN changes c ON c.id = cc.change_id
            ORDER BY cc.service_id, cc.commit_sha, c.merged_at NULLS LAST, c.id
         ) l ON l.service_id = s.service_id AND l.commit_sha = s.introduced_commit`,
    );
    await manager.query(`INSERT INTO detections SELECT * FROM ${STAGED.detections}`);
    // As a relink inserts them: a link computed twice is stored once (the key of LINKS_BY_FINDING).
    await manager.query(
      `INSERT INTO finding_links
       SELECT DISTINCT ON (finding_id, threat_model_id, component_key, threat_key, source) * FROM ${STAGED.links}
        ORDER BY finding_id, threat_model_id, component_key, threat_key, source, id`,
    );
  }

  /**
   * The gap facts of every stored finding (all of them the load's), by one join of the findings with their
   * links: the function a migration defines beside the refresh, from the same text.
   */
  async storeGapFacts(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT finding_gap_facts_fill()`);
  }
}

/** A trigger a bulk load holds back, by its table and name. */
export type HeldBackTrigger = readonly [table: string, trigger: string];

/**
 * Turns triggers off for the caller's transaction, whose bulk statements do their work set-based: other
 * sessions never see them off, since the ALTER locks each table until the transaction ends.
 */
export async function holdBackTriggers(manager: EntityManager, triggers: readonly HeldBackTrigger[]): Promise<void> {
  for (const [table, trigger] of triggers) await manager.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
}

export async function restoreTriggers(manager: EntityManager, triggers: readonly HeldBackTrigger[]): Promise<void> {
  for (const [table, trigger] of triggers) await manager.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
}

/** Whether the database holds any finding: a bulk load is only for one that holds none. */
export async function holdsAnyFinding(manager: EntityManager): Promise<boolean> {
  const [{ any }]: { any: boolean }[] = await manager.query(`SELECT EXISTS (SELECT 1 FROM findings) AS any`);
  return any;
}
