import { demoFindings, type DemoOptions } from '@escapement/domain';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DemoSeeder, type DemoLoadPath } from '../../apps/api/src/demo/demo-seeder';
import { aFinding } from '../support/findings-fixture';
import { resetDatabase, startTestApp, type TestApp } from '../support/test-app';

const OPTIONS: DemoOptions = { seed: 11, findings: 3_000, end: new Date('2026-06-30T00:00:00Z') };

/**
 * Everything a finding's storage derives (detections, links, gap facts, components, every rollup, the text
 * search's trigram sets) and the changes with the commits they hold, with
 * the columns that name a batch or a moment of storing left out (ids, import ids, creation times, the
 * verdict cache's version counters), since the two paths store in different batches.
 */
const DERIVED: Record<string, string[]> = {
  findings: ['id', 'created_at', 'updated_at'],
  detections: ['id', 'import_id', 'created_at'],
  finding_links: ['id', 'created_at'],
  finding_gap_facts: [],
  finding_components: [],
  finding_rollups: [],
  finding_category_rollups: [],
  finding_source_rollups: [],
  verdict_rollups: [],
  gap_rollups: [],
  gap_layer_rollups: [],
  gap_component_rollups: [],
  change_finding_lags: [],
  finding_search_grams: [],
  changes: ['id', 'recorded_at', 'updated_at'],
  change_commits: [],
};

/** The encoding thread as `npm run build` compiles it (the CLI and the server encode on it). */
const COMPILED_ENCODING_THREAD = path.resolve(__dirname, '..', '..', 'apps', 'api', 'dist', 'apps', 'api', 'src', 'demo', 'demo-encoding.worker.js');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A demo loaded in bulk into an empty database holds exactly what the same demo loaded through the upload
 * path holds: the bulk path's only claim is speed.
 */
describe('the demo bulk load', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  }, 60_000);
  afterAll(() => sut.close());

  /** Every uuid named by what it stands for, since the two loads give rows new ids. */
  async function naturalNames(): Promise<Map<string, string>> {
    const rows = await sut.sql<{ id: string; name: string }>(
      `SELECT id::text, 'team ' || name AS name FROM teams
       UNION ALL SELECT id::text, 'service ' || name FROM services
       UNION ALL SELECT f.id::text, 'finding ' || s.name || '/' || f.fingerprint FROM findings f JOIN services s ON s.id = f.service_id
       UNION ALL SELECT c.id::text, 'change ' || s.name || '/' || c.ref FROM changes c JOIN services s ON s.id = c.service_id
       UNION ALL SELECT m.id::text, 'model ' || s.name || '/' || m.name FROM threat_models m JOIN services s ON s.id = m.service_id
       UNION ALL SELECT v.id::text, 'model version ' || m.name || '@' || v.effective_from FROM threat_model_versions v JOIN threat_models m ON m.id = v.threat_model_id`,
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async function derivedTables(): Promise<Record<string, string[]>> {
    const names = await naturalNames();
    const named = (value: unknown): unknown => {
      if (typeof value === 'string' && UUID.test(value)) {
        const name = names.get(value);
        if (!name) throw new Error(`a stored id that names nothing known: ${value}`);
        return name;
      }
      return Array.isArray(value) ? value.map(named) : value;
    };
    const tables: Record<string, string[]> = {};
    for (const [table, left] of Object.entries(DERIVED)) {
      const rows = await sut.sql<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM ${table} t`);
      tables[table] = rows
        .map(({ row }) => JSON.stringify(Object.entries(row).filter(([column]) => !left.includes(column)).map(([column, value]) => [column, named(value)])))
        .sort();
    }
    return tables;
  }

  async function loaded(path: DemoLoadPath, encodingThread: string | null = null): Promise<Record<string, string[]>> {
    await resetDatabase(sut);
    // Bulk batches of 700 sightings: the demo's 3,000 findings go in several, as a large demo's would.
    await sut.app.get(DemoSeeder).seed(OPTIONS, undefined, { path, bulkBatch: 700, encodingThread });
    return derivedTables();
  }

  it('stores the same findings and the same derived rows, table by table, as the upload path', async () => {
    const throughIngest = await loaded('ingest');
    const inBulk = await loaded('bulk');
    for (const table of Object.keys(DERIVED)) {
      // Each table holds something, so that equality says something.
      expect({ table, rows: throughIngest[table].length > 0 }).toEqual({ table, rows: true });
      // The rows one path stored and the other did not (a few of each, to read a failure by).
      const onlyOf = (a: string[], b: string[]) => {
        const other = new Set(b);
        return a.filter((row) => !other.has(row)).slice(0, 3);
      };
      expect({ table, count: inBulk[table].length, onlyInBulk: onlyOf(inBulk[table], throughIngest[table]), onlyThroughIngest: onlyOf(throughIngest[table], inBulk[table]) }).toEqual({
        table,
        count: throughIngest[table].length,
        onlyInBulk: [],
        onlyThroughIngest: [],
      });
    }
    // Some findings are linked to their change, some to components, some are in a context gap: the
    // paths were compared on every kind of derived row.
    const gaps = await sut.sql<{ gap: string }>(`SELECT DISTINCT gap FROM finding_gap_facts ORDER BY 1`);
    expect(gaps.map((g) => g.gap)).toEqual(['context_gap', 'model_gap', 'unmodelled']);
    const [{ linked }] = await sut.sql<{ linked: number }>(`SELECT count(*)::int AS linked FROM findings WHERE linked_change_id IS NOT NULL`);
    expect(linked).toBeGreaterThan(0);
  }, 300_000);

  it('stores the same rows when its batches are encoded on a thread of their own, as the compiled CLI and server encode them', async () => {
    // The tests run from source; the thread runs the build that `npm test` makes before the e2e suites.
    expect(existsSync(COMPILED_ENCODING_THREAD)).toBe(true);
    const onThisThread = await loaded('bulk');
    // The thread's entry, wrapped to leave a note of the thread it ran on before it encodes.
    const folder = mkdtempSync(path.join(tmpdir(), 'escapement-encoding-'));
    const note = path.join(folder, 'thread');
    const entry = path.join(folder, 'entry.js');
    writeFileSync(entry, `require('node:fs').writeFileSync(${JSON.stringify(note)}, String(require('node:worker_threads').threadId));\nrequire(${JSON.stringify(COMPILED_ENCODING_THREAD)});\n`);
    try {
      const onItsOwnThread = await loaded('bulk', entry);
      expect(Number(readFileSync(note, 'utf8'))).toBeGreaterThan(0);
      for (const table of Object.keys(DERIVED)) expect({ table, rows: onItsOwnThread[table] }).toEqual({ table, rows: onThisThread[table] });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000);

  it('stores nothing, and says why, when its encoding thread fails', async () => {
    await resetDatabase(sut);
    const folder = mkdtempSync(path.join(tmpdir(), 'escapement-encoding-'));
    const entry = path.join(folder, 'entry.js');
    writeFileSync(entry, `throw new Error('the encoding failed on purpose');\n`);
    try {
      await expect(sut.app.get(DemoSeeder).seed(OPTIONS, undefined, { path: 'bulk', bulkBatch: 700, encodingThread: entry })).rejects.toThrow('the encoding failed on purpose');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    expect(await sut.sql(`SELECT (SELECT count(*) FROM findings)::int AS findings, (SELECT count(*) FROM changes)::int AS changes, (SELECT count(*) FROM imports)::int AS imports`)).toEqual([
      { findings: 0, changes: 0, imports: 0 },
    ]);
  }, 120_000);

  it("ties a finding whose commit is in several changes to the first merged of them, as the upload path's trigger does", async () => {
    // Two findings of the demo, and changes of this test's own holding their commits beside the demo's:
    // the first finding's commit also in a change merged before any of the demo's and in one never merged,
    // the second's in one never merged (the demo's merged change must win over it).
    const [first, second] = [...demoFindings(OPTIONS)].filter((f, i, all) => f.introducedCommit && all.findIndex((g) => g.introducedCommit === f.introducedCommit) === i);
    const extraChanges = [
      { service: first.service, ref: 'merged-first', commit: first.introducedCommit, mergedAt: '2000-01-01T00:00:00Z' },
      { service: first.service, ref: 'never-merged-a', commit: first.introducedCommit, mergedAt: null },
      { service: second.service, ref: 'never-merged-b', commit: second.introducedCommit, mergedAt: null },
    ];
    const linkedRefs = async (path: DemoLoadPath) => {
      await resetDatabase(sut);
      for (const change of extraChanges) {
        await sut.sql(`INSERT INTO services (name) VALUES ($1) ON CONFLICT DO NOTHING`, [change.service]);
        await sut.sql(
          `INSERT INTO changes (service_id, ref, commits, opened_at, merged_at, recorded_by)
           SELECT id, $2, ARRAY[$3::text], '1999-12-01', $4::timestamptz, 'test' FROM services WHERE name = $1`,
          [change.service, change.ref, change.commit, change.mergedAt],
        );
      }
      await sut.app.get(DemoSeeder).seed(OPTIONS, undefined, { path, bulkBatch: 700 });
      return sut.sql<{ fingerprint: string; ref: string | null }>(
        `SELECT f.fingerprint, c.ref FROM findings f LEFT JOIN changes c ON c.id = f.linked_change_id WHERE f.fingerprint = ANY ($1::text[]) ORDER BY 1`,
        [[first.fingerprint, second.fingerprint]],
      );
    };
    const throughIngest = await linkedRefs('ingest');
    expect(await linkedRefs('bulk')).toEqual(throughIngest);
    const refOf = new Map(throughIngest.map((row) => [row.fingerprint, row.ref]));
    expect(refOf.get(first.fingerprint)).toBe('merged-first');
    expect(refOf.get(second.fingerprint)).toEqual(expect.any(String));
    expect(refOf.get(second.fingerprint)).not.toBe('never-merged-b');
  }, 300_000);

  it('leaves every index, constraint and trigger as it found them', async () => {
    const schema = () =>
      sut.sql(
        `SELECT 'index' AS kind, indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema()
         UNION ALL SELECT 'constraint', conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
         UNION ALL SELECT 'trigger', tgname, tgenabled::text || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
         ORDER BY 1, 2, 3`,
      );
    await resetDatabase(sut);
    const before = await schema();
    await sut.app.get(DemoSeeder).seed({ ...OPTIONS, findings: 500 }, undefined, { path: 'bulk', bulkBatch: 200 });
    expect(await schema()).toEqual(before);
  }, 120_000);

  it('is refused for a database that already holds findings, and the upload path is taken by default', async () => {
    const seeder = sut.app.get(DemoSeeder);
    await resetDatabase(sut);
    await seeder.seed({ ...OPTIONS, findings: 300 });
    const [{ first }] = await sut.sql<{ first: number }>(`SELECT count(*)::int AS first FROM findings`);
    await expect(seeder.seed({ ...OPTIONS, seed: 12, findings: 300 }, undefined, { path: 'bulk' })).rejects.toThrow('A bulk demo load needs a database without findings.');
    // Refused before anything was written.
    expect((await sut.sql<{ n: number }>(`SELECT count(*)::int AS n FROM findings`))[0].n).toBe(first);
    await seeder.seed({ ...OPTIONS, seed: 12, findings: 300 });
    expect((await sut.sql<{ n: number }>(`SELECT count(*)::int AS n FROM findings`))[0].n).toBeGreaterThan(first);
  }, 120_000);

  it('is refused, storing none of what it staged, when a finding is uploaded while its batches are staged', async () => {
    // Staging takes no lock an upload waits on: the check that the database holds no finding is made again,
    // under the load's locks, before anything staged is stored.
    await resetDatabase(sut);
    let uploads = 0;
    const uploadOnce = async () => {
      if (uploads++ > 0) return;
      await sut.http().post('/api/v1/findings').send([aFinding({ fingerprint: 'fp-during-the-load' })]).expect(200);
    };
    await expect(sut.app.get(DemoSeeder).seed({ ...OPTIONS, findings: 500 }, uploadOnce, { path: 'bulk', bulkBatch: 200 })).rejects.toThrow(
      'A bulk demo load needs a database without findings.',
    );
    // The upload came after the first batch was staged and before the last: the load went on staging, then refused.
    expect(uploads).toBeGreaterThan(1);
    expect(await sut.sql(`SELECT fingerprint FROM findings`)).toEqual([{ fingerprint: 'fp-during-the-load' }]);
    expect(await sut.sql(`SELECT count(*)::int AS n FROM detections`)).toEqual([{ n: 1 }]);
    // Refused by the check under the store's locks, before the changes it stores first: none of them either.
    expect(await sut.sql(`SELECT count(*)::int AS n FROM changes`)).toEqual([{ n: 0 }]);
  }, 120_000);

  it('holds the rules and threat models it classifies and links by unchanged while it stages', async () => {
    await resetDatabase(sut);
    const held: string[][] = [];
    const lookAtLocks = async () => {
      const rows = await sut.sql<{ name: string }>(
        `SELECT c.relname AS name FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
          WHERE l.granted AND l.mode = 'ShareLock' AND l.pid <> pg_backend_pid()
            AND c.relname IN ('threat_models', 'threat_model_versions', 'classification_rules')
          ORDER BY 1`,
      );
      held.push(rows.map((row) => row.name));
    };
    await sut.app.get(DemoSeeder).seed({ ...OPTIONS, findings: 500 }, lookAtLocks, { path: 'bulk', bulkBatch: 200 });
    expect(held.length).toBeGreaterThan(1);
    for (const names of held) expect(names).toEqual(['classification_rules', 'threat_model_versions', 'threat_models']);
    // Released with the load: a rule can be added now.
    expect(
      await sut.sql(
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'relation' AND mode = 'ShareLock' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      ),
    ).toEqual([{ n: 0 }]);
  }, 120_000);
});
