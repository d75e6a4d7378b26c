import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { FirstDetectedStage1764080000000 } from '../../migrations/1764080000000-FirstDetectedStage';
import { StoredChangeLinks1765600000000 } from '../../migrations/1765600000000-StoredChangeLinks';
import { ChangeFindingRollups1765730000000 } from '../../migrations/1765730000000-ChangeFindingRollups';
import { ChangeFindingLagHistograms1765780000000 } from '../../migrations/1765780000000-ChangeFindingLagHistograms';
import { DimensionRollups1765700000000 } from '../../migrations/1765700000000-DimensionRollups';
import { GapPageIndex1765785000100 } from '../../migrations/1765785000100-GapPageIndex';
import { IntroducedCommitCheckWithoutRepetition1765830000000 } from '../../migrations/1765830000000-IntroducedCommitCheckWithoutRepetition';
import { DropUnreadChangeCommitsIndex1765840000000 } from '../../migrations/1765840000000-DropUnreadChangeCommitsIndex';
import { dataSourceOptions } from '../../apps/api/src/database/data-source';
import { STORED_GAP_MISMATCHES } from '../support/stored-gaps';
import { testDatabaseUrl } from '../support/test-app';

/**
 * Data migrations against a database of their own: stored findings are carried through `up` and back
 * through `down`, with the daily rollups equal to the findings at every step.
 */
describe('migrations over stored findings', () => {
  const name = `escapement_migrations_${process.pid}`;
  let admin: DataSource;
  const at = (migrations: readonly unknown[]) => {
    const url = new URL(testDatabaseUrl());
    url.pathname = `/${name}`;
    return new DataSource({ ...dataSourceOptions({ url: url.toString() }), migrations: migrations as never });
  };

  /** A database of its own for one case, made afresh and migrated by `migrations`, in order. */
  const migratedTo = async (migrations: readonly unknown[]) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const db = await at(migrations).initialize();
    await db.runMigrations();
    return db;
  };

  beforeAll(async () => {
    admin = await new DataSource(dataSourceOptions({ url: testDatabaseUrl() })).initialize();
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.destroy();
  });

  const rollupDrift = (stage: string) => `
    WITH fresh AS (
      SELECT service_id, (coalesce(introduced_at, first_detected_at) AT TIME ZONE 'UTC')::date AS cohort_day, finding_class, ${stage} AS stage,
             status NOT IN ('suppressed', 'false_positive') AS counted, count(*) AS n
        FROM findings GROUP BY 1, 2, 3, 4, 5
    )
    SELECT count(*)::int AS n FROM (
      (SELECT * FROM fresh EXCEPT SELECT service_id, cohort_day, finding_class, ${stage}, counted, n FROM finding_rollups)
      UNION ALL
      (SELECT service_id, cohort_day, finding_class, ${stage}, counted, n FROM finding_rollups EXCEPT SELECT * FROM fresh)
    ) d`;

  it('moves each finding to the stage of its first detection in time, and back on down', async () => {
    const index = MIGRATIONS.indexOf(FirstDetectedStage1764080000000);
    const before = await migratedTo(MIGRATIONS.slice(0, index));
    const [service] = await before.query(`INSERT INTO services (name) VALUES ('payments-api') RETURNING id`);
    // escaped-late: production on 06-10, review on 06-20; tie: ci and production at the same instant; plain: one detection.
    const findings: { fingerprint: string; earliest: string; firstAt: string; detections: [string, string][] }[] = [
      { fingerprint: 'escaped-late', earliest: 'code_review', firstAt: '2026-06-10', detections: [['production', '2026-06-10'], ['code_review', '2026-06-20']] },
      { fingerprint: 'tie', earliest: 'ci', firstAt: '2026-06-11', detections: [['production', '2026-06-11'], ['ci', '2026-06-11']] },
      { fingerprint: 'plain', earliest: 'pre_release', firstAt: '2026-06-12', detections: [['pre_release', '2026-06-12']] },
    ];
    for (const f of findings) {
      const [row] = await before.query(
        `INSERT INTO findings (service_id, fingerprint, title, severity, source_kind, finding_class, earliest_stage, first_detected_at)
         VALUES ($1, $2, 'x', 'high', 'sast', 'design', $3, $4) RETURNING id`,
        [service.id, f.fingerprint, f.earliest, f.firstAt],
      );
      for (const [stage, detectedAt] of f.detections) {
        await before.query(`INSERT INTO detections (finding_id, stage, source_kind, detected_at) VALUES ($1, $2, 'sast', $3)`, [row.id, stage, detectedAt]);
      }
    }
    expect(await before.query(rollupDrift('earliest_stage'))).toEqual([{ n: 0 }]);
    await before.destroy();

    const after = await at(MIGRATIONS).initialize();
    await after.runMigrations();
    expect(await after.query(`SELECT fingerprint, first_detected_stage FROM findings ORDER BY fingerprint`)).toEqual([
      { fingerprint: 'escaped-late', first_detected_stage: 'production' },
      { fingerprint: 'plain', first_detected_stage: 'pre_release' },
      { fingerprint: 'tie', first_detected_stage: 'ci' },
    ]);
    expect(await after.query(rollupDrift('first_detected_stage'))).toEqual([{ n: 0 }]);
    // The triggers still keep the rollups exact after the migration.
    await after.query(`UPDATE findings SET status = 'false_positive' WHERE fingerprint = 'plain'`);
    expect(await after.query(rollupDrift('first_detected_stage'))).toEqual([{ n: 0 }]);
    for (let undo = MIGRATIONS.length; undo > index; undo -= 1) await after.undoLastMigration();
    expect(await after.query(`SELECT fingerprint, earliest_stage FROM findings ORDER BY fingerprint`)).toEqual([
      { fingerprint: 'escaped-late', earliest_stage: 'code_review' },
      { fingerprint: 'plain', earliest_stage: 'pre_release' },
      { fingerprint: 'tie', earliest_stage: 'ci' },
    ]);
    expect(await after.query(rollupDrift('earliest_stage'))).toEqual([{ n: 0 }]);
    await after.destroy();
  });
  it('stores the change each finding came from, as the read-time rule gave it, and computes it again on down', async () => {
    const index = MIGRATIONS.indexOf(StoredChangeLinks1765600000000);
    const before = await migratedTo(MIGRATIONS.slice(0, index));
    const [service] = await before.query(`INSERT INTO services (name) VALUES ('refunds-api') RETURNING id`);
    const change = async (ref: string, commits: string[], mergedAt: string) =>
      (await before.query(`INSERT INTO changes (service_id, ref, commits, merged_at, recorded_by) VALUES ($1, $2, $3, $4, 'ci') RETURNING id`, [service.id, ref, commits, mergedAt]))[0]
        .id as string;
    const early = await change('#1', ['aaaa1111', 'bbbb2222'], '2026-06-01');
    const late = await change('#2', ['aaaa1111'], '2026-06-05');
    const finding = (fingerprint: string, columns: { commit?: string; ref?: string; byHand?: string }) =>
      before.query(
        `INSERT INTO findings (service_id, fingerprint, title, severity, source_kind, finding_class, first_detected_stage, first_detected_at, introduced_commit, change_ref, change_id)
         VALUES ($1, $2, 'x', 'high', 'sast', 'design', 'ci', '2026-06-10', $3, $4, $5)`,
        [service.id, fingerprint, columns.commit ?? null, columns.ref ?? null, columns.byHand ?? null],
      );
    await finding('by-commit', { commit: 'aaaa1111' });
    await finding('by-ref', { commit: 'bbbb2222', ref: '#2' });
    await finding('by-hand', { commit: 'aaaa1111', ref: '#1', byHand: late });
    await finding('unknown-ref', { ref: '#9' });
    await finding('none', {});
    const viewRows = (db: DataSource) =>
      db.query(`SELECT f.fingerprint, fc.change_id, fc.link_source FROM finding_changes fc JOIN findings f ON f.id = fc.finding_id ORDER BY f.fingerprint`);
    const expected = [
      { fingerprint: 'by-commit', change_id: early, link_source: 'commit' },
      { fingerprint: 'by-hand', change_id: late, link_source: 'manual' },
      { fingerprint: 'by-ref', change_id: late, link_source: 'change_ref' },
    ];
    expect(await viewRows(before)).toEqual(expected);
    await before.destroy();

    const after = await at(MIGRATIONS).initialize();
    await after.runMigrations();
    expect(await after.query(`SELECT fingerprint, linked_change_id AS change_id, change_link_source AS link_source FROM findings ORDER BY fingerprint`)).toEqual([
      ...expected,
      { fingerprint: 'none', change_id: null, link_source: null },
      { fingerprint: 'unknown-ref', change_id: null, link_source: null },
    ]);
    expect(await viewRows(after)).toEqual(expected);
    for (let undo = MIGRATIONS.length; undo > index; undo -= 1) await after.undoLastMigration();
    expect(await after.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'findings' AND column_name = 'linked_change_id'`)).toEqual([{ n: 0 }]);
    expect(await viewRows(after)).toEqual(expected);
    await after.destroy();
  });
  it('builds the dimension rollups from the stored findings, keeps them through changes, and drops them on down', async () => {
    const index = MIGRATIONS.indexOf(DimensionRollups1765700000000);
    const before = await migratedTo(MIGRATIONS.slice(0, index));
    const [service] = await before.query(`INSERT INTO services (name) VALUES ('payments-api') RETURNING id`);
    // Two in one span (Mon 2026-06-01 … Sun 06-07), one in the next, one suppressed, one without category or tool.
    const rows: [string, string, string, string, string | null, string | null, string][] = [
      ['a', 'high', 'design', 'ci', 'authorization', 'semgrep', '2026-06-02'],
      ['b', 'high', 'design', 'production', 'authorization', 'semgrep', '2026-06-07'],
      ['c', 'low', 'pattern', 'ci', 'xss', 'codeql', '2026-06-08'],
      ['d', 'low', 'pattern', 'ci', 'xss', 'codeql', '2026-06-08'],
      ['e', 'medium', 'unclassified', 'design', null, null, '2026-05-31'],
    ];
    for (const [fingerprint, severity, cls, stage, category, tool, at] of rows) {
      await before.query(
        `INSERT INTO findings (service_id, fingerprint, title, severity, source_kind, finding_class, category, tool, first_detected_stage, first_detected_at, status)
         VALUES ($1, $2, 'x', $3, 'sast', $4, $5, $6, $7, $8, $9)`,
        [service.id, fingerprint, severity, cls, category, tool, stage, at, fingerprint === 'd' ? 'suppressed' : 'open'],
      );
    }
    await before.destroy();

    const after = await at(MIGRATIONS).initialize();
    await after.runMigrations();
    const stored = () =>
      after.query(
        `SELECT 'category' AS dimension, category AS value, cohort_span::text AS span, finding_class::text AS class, severity::text AS severity,
                design::int, code_review::int, ci::int, pre_release::int, production::int
           FROM finding_category_rollups
         UNION ALL
         SELECT 'tool', tool, cohort_span::text, finding_class::text, severity::text, design::int, code_review::int, ci::int, pre_release::int, production::int
           FROM finding_source_rollups
          ORDER BY 1, 2, 3, 4, 5`,
      );
    const row = (dimension: string, value: string, span: string, cls: string, severity: string, counts: number[]) => ({
      dimension, value, span, class: cls, severity,
      ...Object.fromEntries(['design', 'code_review', 'ci', 'pre_release', 'production'].map((stage, i) => [stage, counts[i]])),
    });
    expect(await stored()).toEqual([
      row('category', 'authorization', '2026-06-01', 'design', 'high', [0, 0, 1, 0, 1]),
      row('category', 'other', '2026-05-25', 'unclassified', 'medium', [1, 0, 0, 0, 0]),
      row('category', 'xss', '2026-06-08', 'pattern', 'low', [0, 0, 1, 0, 0]),
      row('tool', '(no tool)', '2026-05-25', 'unclassified', 'medium', [1, 0, 0, 0, 0]),
      row('tool', 'codeql', '2026-06-08', 'pattern', 'low', [0, 0, 1, 0, 0]),
      row('tool', 'semgrep', '2026-06-01', 'design', 'high', [0, 0, 1, 0, 1]),
    ]);
    // The triggers keep them: a status that counts again, a finding that leaves its key, one deleted.
    await after.query(`UPDATE findings SET status = 'open' WHERE fingerprint = 'd'`);
    await after.query(`UPDATE findings SET finding_class = 'pattern', category = 'xss' WHERE fingerprint = 'b'`);
    await after.query(`DELETE FROM findings WHERE fingerprint = 'e'`);
    expect(await stored()).toEqual([
      row('category', 'authorization', '2026-06-01', 'design', 'high', [0, 0, 1, 0, 0]),
      row('category', 'xss', '2026-06-01', 'pattern', 'high', [0, 0, 0, 0, 1]),
      row('category', 'xss', '2026-06-08', 'pattern', 'low', [0, 0, 2, 0, 0]),
      row('tool', 'codeql', '2026-06-08', 'pattern', 'low', [0, 0, 2, 0, 0]),
      row('tool', 'semgrep', '2026-06-01', 'design', 'high', [0, 0, 1, 0, 0]),
      row('tool', 'semgrep', '2026-06-01', 'pattern', 'high', [0, 0, 0, 0, 1]),
    ]);
    for (let undo = MIGRATIONS.length; undo > index; undo -= 1) await after.undoLastMigration();
    expect(await after.query(`SELECT to_regclass('finding_category_rollups') IS NULL AND to_regclass('finding_source_rollups') IS NULL AS gone, (SELECT count(*)::int FROM findings) AS findings`)).toEqual([{ gone: true, findings: 4 }]);
    await after.destroy();
  });

  it('counts each change’s findings into its rollup from those already stored, keeps it as findings and the change’s date change, and drops it on down', async () => {
    const index = MIGRATIONS.indexOf(ChangeFindingRollups1765730000000);
    const before = await migratedTo(MIGRATIONS.slice(0, index));
    const [service] = await before.query(`INSERT INTO services (name) VALUES ('refunds-api') RETURNING id`);
    const [other] = await before.query(`INSERT INTO services (name) VALUES ('orders-api') RETURNING id`);
    const [change] = await before.query(`INSERT INTO changes (service_id, ref, merged_at, recorded_by) VALUES ($1, '#1', '2026-06-01T12:00:00Z', 'ci') RETURNING id`, [service.id]);
    const finding = (serviceId: string, fingerprint: string, detected: string, introduced: string | null, status = 'open') =>
      before.query(
        `INSERT INTO findings (service_id, fingerprint, title, severity, source_kind, finding_class, first_detected_stage, first_detected_at, introduced_at, change_id, status)
         VALUES ($1, $2, 'x', 'high', 'pentest', 'design', 'production', $3, $4, $5, $6)`,
        [serviceId, fingerprint, detected, introduced, change.id, status],
      );
    await finding(service.id, 'at-the-day', '2026-06-02T12:00:00Z', null);
    await finding(service.id, 'a-millisecond-past', '2026-06-02T12:00:00.001Z', null);
    await finding(service.id, 'introduced', '2026-07-01T00:00:00Z', '2026-06-15T00:00:00Z');
    await finding(service.id, 'false-positive', '2026-06-03T00:00:00Z', null, 'false_positive');
    // Linked by hand to another service's change: the metric does not count it.
    await finding(other.id, 'elsewhere', '2026-06-03T00:00:00Z', null);
    await before.destroy();

    // As it stood until the histograms replaced it.
    const upTo = MIGRATIONS.slice(0, MIGRATIONS.indexOf(ChangeFindingLagHistograms1765780000000));
    const after = await at(upTo).initialize();
    await after.runMigrations();
    const rollup = () => after.query(`SELECT counted, lag_days, n::int FROM change_finding_rollups ORDER BY counted, lag_days`);
    expect(await rollup()).toEqual([
      { counted: false, lag_days: 2, n: 1 },
      { counted: true, lag_days: 1, n: 1 },
      { counted: true, lag_days: 2, n: 1 },
      { counted: true, lag_days: 16, n: 1 },
    ]);
    // Merged a day later: the lags of findings without an introduction move with it.
    await after.query(`UPDATE changes SET merged_at = '2026-06-02T12:00:00Z' WHERE id = $1`, [change.id]);
    await after.query(`UPDATE findings SET status = 'open' WHERE fingerprint = 'false-positive'`);
    expect(await rollup()).toEqual([
      { counted: true, lag_days: 0, n: 1 },
      { counted: true, lag_days: 1, n: 2 },
      { counted: true, lag_days: 16, n: 1 },
    ]);
    await after.query(`DELETE FROM findings WHERE fingerprint <> 'introduced'`);
    expect(await rollup()).toEqual([{ counted: true, lag_days: 16, n: 1 }]);
    await after.query(`DELETE FROM changes`);
    expect(await rollup()).toEqual([]);
    for (let undo = upTo.length; undo > index; undo -= 1) await after.undoLastMigration();
    expect(await after.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'change_finding_rollups'`)).toEqual([{ n: 0 }]);
    await after.destroy();
  });

  it('counts each change’s histograms from the findings already stored, keeps them as findings and the change’s date change, and gives the rollup back on down', async () => {
    const index = MIGRATIONS.indexOf(ChangeFindingLagHistograms1765780000000);
    const before = await migratedTo(MIGRATIONS.slice(0, index));
    const [service] = await before.query(`INSERT INTO services (name) VALUES ('refunds-api') RETURNING id`);
    const [other] = await before.query(`INSERT INTO services (name) VALUES ('orders-api') RETURNING id`);
    const [change] = await before.query(`INSERT INTO changes (service_id, ref, merged_at, recorded_by) VALUES ($1, '#1', '2026-06-01T12:00:00Z', 'ci') RETURNING id`, [service.id]);
    const finding = (serviceId: string, fingerprint: string, detected: string, introduced: string | null, status = 'open', stage = 'production') =>
      before.query(
        `INSERT INTO findings (service_id, fingerprint, title, severity, source_kind, finding_class, first_detected_stage, first_detected_at, introduced_at, change_id, status)
         VALUES ($1, $2, 'x', 'high', 'pentest', 'design', $7, $3, $4, $5, $6)`,
        [serviceId, fingerprint, detected, introduced, change.id, status, stage],
      );
    await finding(service.id, 'at-the-day', '2026-06-02T12:00:00Z', null);
    await finding(service.id, 'a-millisecond-past', '2026-06-02T12:00:00.001Z', null);
    await finding(service.id, 'introduced', '2026-07-01T00:00:00Z', '2026-06-15T00:00:00Z');
    await finding(service.id, 'false-positive', '2026-06-03T00:00:00Z', null, 'false_positive');
    await finding(service.id, 'in-review', '2026-06-03T00:00:00Z', null, 'open', 'code_review');
    // Linked by hand to another service's change: the metric does not count it.
    await finding(other.id, 'elsewhere', '2026-06-03T00:00:00Z', null);
    await before.destroy();

    const after = await at(MIGRATIONS).initialize();
    await after.runMigrations();
    const histograms = () => after.query(`SELECT first_detected_stage AS stage, lag_days, findings_within FROM change_finding_lags ORDER BY first_detected_stage`);
    // Lags 1, 2 and 16 days, one finding each: 1, 2 and 3 within them. Those not counted are not kept.
    expect(await histograms()).toEqual([
      { stage: 'code_review', lag_days: [2], findings_within: [1] },
      { stage: 'production', lag_days: [1, 2, 16], findings_within: [1, 2, 3] },
    ]);
    // Merged a day later: the lags of findings without an introduction move with it; a finding counted again joins its lag.
    await after.query(`UPDATE changes SET merged_at = '2026-06-02T12:00:00Z' WHERE id = $1`, [change.id]);
    await after.query(`UPDATE findings SET status = 'open' WHERE fingerprint = 'false-positive'`);
    expect(await histograms()).toEqual([
      { stage: 'code_review', lag_days: [1], findings_within: [1] },
      { stage: 'production', lag_days: [0, 1, 16], findings_within: [1, 3, 4] },
    ]);
    // Back to the rollup per lag, counted from the findings; and up again.
    for (let undo = MIGRATIONS.length; undo > index; undo -= 1) await after.undoLastMigration();
    expect(await after.query(`SELECT first_detected_stage AS stage, counted, lag_days, n::int FROM change_finding_rollups ORDER BY first_detected_stage, lag_days`)).toEqual([
      { stage: 'code_review', counted: true, lag_days: 1, n: 1 },
      { stage: 'production', counted: true, lag_days: 0, n: 1 },
      { stage: 'production', counted: true, lag_days: 1, n: 2 },
      { stage: 'production', counted: true, lag_days: 16, n: 1 },
    ]);
    await after.runMigrations();
    // A key emptied goes; the last lag of a key goes with its last finding.
    await after.query(`DELETE FROM findings WHERE fingerprint IN ('in-review', 'at-the-day', 'a-millisecond-past')`);
    expect(await histograms()).toEqual([{ stage: 'production', lag_days: [1, 16], findings_within: [1, 2] }]);
    await after.query(`DELETE FROM changes`);
    expect(await histograms()).toEqual([]);
    for (let undo = MIGRATIONS.length; undo > index; undo -= 1) await after.undoLastMigration();
    expect(await after.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'change_finding_lags'`)).toEqual([{ n: 0 }]);
    await after.destroy();
  });

  it('copies each finding’s first detection into its stored facts and components, keeps them as links and detections change, and drops them on down', async () => {
    const index = MIGRATIONS.indexOf(GapPageIndex1765785000100);
    const before = await migratedTo(MIGRATIONS.slice(0, index));
    const [service] = await before.query(`INSERT INTO services (name) VALUES ('payments-api') RETURNING id`);
    const [model] = await before.query(`INSERT INTO threat_models (service_id, name) VALUES ($1, 'Payments') RETURNING id`, [service.id]);
    const ids: Record<string, string> = {};
    for (const [fingerprint, at] of [['two-components', '2026-06-02'], ['one-component', '2026-06-03'], ['unmodelled', '2026-06-04']]) {
      const [row] = await before.query(
        `INSERT INTO findings (service_id, fingerprint, title, severity, source_kind, finding_class, first_detected_stage, first_detected_at)
         VALUES ($1, $2, 'x', 'high', 'sast', 'design', 'ci', $3) RETURNING id`,
        [service.id, fingerprint, at],
      );
      ids[fingerprint] = row.id;
    }
    const link = (db: DataSource, finding: string, component: string, threat = '') =>
      db.query(`INSERT INTO finding_links (finding_id, threat_model_id, component_key, threat_key, source) VALUES ($1, $2, $3, $4, 'auto')`, [ids[finding], model.id, component, threat]);
    await link(before, 'two-components', 'api');
    await link(before, 'two-components', 'api', 'T1');
    await link(before, 'two-components', 'ledger');
    await link(before, 'one-component', 'api');
    await before.destroy();

    const after = await at(MIGRATIONS).initialize();
    await after.runMigrations();
    const components = () => after.query(`SELECT f.fingerprint, c.component_key, c.first_detected_at::date::text AS at FROM finding_components c JOIN findings f ON f.id = c.finding_id ORDER BY 1, 2`);
    expect(await components()).toEqual([
      { fingerprint: 'one-component', component_key: 'api', at: '2026-06-03' },
      { fingerprint: 'two-components', component_key: 'api', at: '2026-06-02' },
      { fingerprint: 'two-components', component_key: 'ledger', at: '2026-06-02' },
    ]);
    expect(await after.query(STORED_GAP_MISMATCHES)).toEqual([]);
    // Kept by the triggers: a first detection moving earlier, a link removed, a link added, a finding removed.
    await after.query(`UPDATE findings SET first_detected_at = '2026-05-30' WHERE fingerprint = 'two-components'`);
    await after.query(`DELETE FROM finding_links WHERE finding_id = $1`, [ids['one-component']]);
    await link(after, 'unmodelled', 'ledger');
    expect(await components()).toEqual([
      { fingerprint: 'two-components', component_key: 'api', at: '2026-05-30' },
      { fingerprint: 'two-components', component_key: 'ledger', at: '2026-05-30' },
      { fingerprint: 'unmodelled', component_key: 'ledger', at: '2026-06-04' },
    ]);
    expect(await after.query(STORED_GAP_MISMATCHES)).toEqual([]);
    await after.query(`DELETE FROM findings WHERE fingerprint = 'two-components'`);
    expect(await components()).toEqual([{ fingerprint: 'unmodelled', component_key: 'ledger', at: '2026-06-04' }]);
    expect(await after.query(STORED_GAP_MISMATCHES)).toEqual([]);

    for (let undo = MIGRATIONS.length; undo > index; undo -= 1) await after.undoLastMigration();
    expect(
      await after.query(
        `SELECT to_regclass('finding_components') IS NULL AS components_gone,
                NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'finding_gap_facts' AND column_name = 'first_detected_at') AS column_gone`,
      ),
    ).toEqual([{ components_gone: true, column_gone: true }]);
    // The facts are kept as before: a new link moves its finding into the component.
    await link(after, 'one-component', 'api');
    expect(await after.query(`SELECT gap, component_keys FROM finding_gap_facts WHERE finding_id = $1`, [ids['one-component']])).toEqual([{ gap: 'model_gap', component_keys: ['api'] }]);
    await after.destroy();
  });

  it('checks an introducing commit by its length and characters, accepting exactly the texts the bounded repetition accepted, and back on down', async () => {
    const db = await migratedTo(MIGRATIONS);
    const [service] = await db.query(`INSERT INTO services (name) VALUES ('ledger-api') RETURNING id`);
    const texts = ['abcd', 'abc', '0123456789abcdef', 'a'.repeat(64), 'a'.repeat(65), 'ABCD', 'abcg', 'ab cd', '', 'abcdé', 'abcd\n', '\nabcd', 'a-bc-d', null];
    /** Whether the database stores a finding with this commit, each try in a transaction of its own. */
    const stores = async (commit: string | null, i: number) => {
      try {
        await db.transaction((m) =>
          m.query(
            `INSERT INTO findings (service_id, fingerprint, title, severity, source_kind, finding_class, first_detected_stage, first_detected_at, introduced_commit)
             VALUES ($1, $2, 'x', 'high', 'sast', 'design', 'ci', '2026-06-10', $3)`,
            [service.id, `commit-${i}`, commit],
          ),
        );
        return true;
      } catch {
        return false;
      }
    };
    // What the old check said of each text, computed by PostgreSQL's own regular expression.
    const repetition: { accepted: boolean | null }[] = await db.query(`SELECT t ~ '^[0-9a-f]{4,64}$' AS accepted FROM unnest($1::text[]) WITH ORDINALITY u(t, i) ORDER BY i`, [texts]);
    const expected = repetition.map((r) => r.accepted !== false);
    const stored: boolean[] = [];
    for (const [i, text] of texts.entries()) stored.push(await stores(text, i));
    expect(stored).toEqual(expected);
    // Both kinds were tried: the comparison says something.
    expect(new Set(stored)).toEqual(new Set([true, false]));

    const index = MIGRATIONS.indexOf(IntroducedCommitCheckWithoutRepetition1765830000000);
    for (let undo = MIGRATIONS.length; undo > index; undo -= 1) await db.undoLastMigration();
    const [{ definition }] = await db.query(`SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = 'findings_introduced_commit_hex'`);
    expect(definition).toContain('{4,64}');
    await db.destroy();
  });

  it('fills the gap facts of every finding as the triggers and the refresh write them, drops the commit arrays\u2019 unread index, and gives both back on down', async () => {
    const db = await migratedTo(MIGRATIONS);
    const [service] = await db.query(`INSERT INTO services (name) VALUES ('payments-api') RETURNING id`);
    const [model] = await db.query(`INSERT INTO threat_models (service_id, name) VALUES ($1, 'Payments') RETURNING id`, [service.id]);
    const [version] = await db.query(
      `INSERT INTO threat_model_versions (threat_model_id, version_number, effective_from, format, name, content_sha256)
       VALUES ($1, 1, '2026-06-01', 'native', 'Payments', 'h1') RETURNING id`,
      [model.id],
    );
    await db.query(`INSERT INTO tm_threats (version_id, key, title, status) VALUES ($1, 'T1', 'Tampering', 'open')`, [version.id]);
    const ids: Record<string, string> = {};
    // Introduced after and before the threat entered the model, suppressed (not counted), and unmodelled.
    for (const [fingerprint, introduced, status, layer] of [
      ['context', '2026-06-05', 'open', 'product'],
      ['too-early', '2026-05-20', 'open', 'network'],
      ['suppressed', '2026-06-06', 'suppressed', 'product'],
      ['unmodelled', '2026-06-07', 'open', null],
    ]) {
      const [row] = await db.query(
        `INSERT INTO findings (service_id, fingerprint, title, severity, source_kind, finding_class, first_detected_stage, first_detected_at, introduced_at, status, layer)
         VALUES ($1, $2, 'x', 'high', 'sast', 'design', 'production', '2026-06-10', $3, $4, $5) RETURNING id`,
        [service.id, fingerprint, introduced, status, layer],
      );
      ids[fingerprint as string] = row.id;
    }
    const link = (finding: string, component: string, threat = '') =>
      db.query(`INSERT INTO finding_links (finding_id, threat_model_id, component_key, threat_key, source) VALUES ($1, $2, $3, $4, 'auto')`, [ids[finding], model.id, component, threat]);
    await link('context', 'ledger');
    await link('context', 'api', 'T1');
    await link('too-early', 'api', 'T1');
    await link('suppressed', 'api');
    /** The facts and what their triggers derive from them: components and the three gap rollups. */
    const derived = async (query: (sql: string) => Promise<unknown[]>) => ({
      facts: await query(`SELECT finding_id, service_id, cohort_day::text, first_detected_stage, counted, layer, gap, component_models, component_keys, first_detected_at FROM finding_gap_facts ORDER BY finding_id`),
      components: await query(`SELECT * FROM finding_components ORDER BY finding_id, component_key`),
      rollups: await query(`SELECT service_id, cohort_day::text, context_gap, model_gap, unmodelled FROM gap_rollups ORDER BY cohort_day`),
      layers: await query(`SELECT layer, cohort_day::text, context_gap, model_gap, unmodelled FROM gap_layer_rollups ORDER BY layer, cohort_day`),
      byComponent: await query(`SELECT component_key, cohort_day::text, context_gap, model_gap, unmodelled FROM gap_component_rollups ORDER BY component_key, cohort_day`),
    });
    const kept = await derived((sql) => db.query(sql));
    expect(Object.fromEntries((kept.facts as { finding_id: string; gap: string }[]).map((f) => [f.finding_id, f.gap]))).toEqual({
      [ids.context]: 'context_gap',
      [ids['too-early']]: 'model_gap',
      [ids.suppressed]: 'model_gap',
      [ids.unmodelled]: 'unmodelled',
    });
    expect(kept.components).toHaveLength(4);
    expect(kept.rollups).toHaveLength(3);

    // Filled from nothing, in a transaction rolled back afterwards: the same rows as the triggers keep.
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    let filled: unknown;
    let again: string | null;
    try {
      await runner.query(`TRUNCATE finding_gap_facts, finding_components, gap_rollups, gap_layer_rollups, gap_component_rollups`);
      await runner.query(`SELECT finding_gap_facts_fill()`);
      filled = await derived((sql) => runner.query(sql));
      // A second fill meets the facts' key and refuses rather than counting a finding twice.
      again = await runner.query(`SELECT finding_gap_facts_fill()`).then(
        () => null,
        (error: Error) => error.message,
      );
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(filled).toEqual(kept);
    expect(again).toMatch(/finding_gap_facts_pkey/);
    expect(await derived((sql) => db.query(sql))).toEqual(kept);
    expect(await db.query(`SELECT to_regclass('changes_commits_idx') IS NULL AS gone`)).toEqual([{ gone: true }]);

    const index = MIGRATIONS.indexOf(DropUnreadChangeCommitsIndex1765840000000);
    for (let undo = MIGRATIONS.length; undo > index; undo -= 1) await db.undoLastMigration();
    expect(
      await db.query(
        `SELECT to_regclass('changes_commits_idx') IS NOT NULL AS index_back,
                NOT EXISTS (SELECT 1 FROM pg_proc WHERE proname = 'finding_gap_facts_fill') AS fill_gone`,
      ),
    ).toEqual([{ index_back: true, fill_gone: true }]);
    // The refresh is as before: a new link moves the unmodelled finding into its component.
    await link('unmodelled', 'ledger');
    expect(await db.query(`SELECT gap, component_keys FROM finding_gap_facts WHERE finding_id = $1`, [ids.unmodelled])).toEqual([{ gap: 'model_gap', component_keys: ['ledger'] }]);
    await db.destroy();
  });
});
