import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { FirstDetectedStage1764080000000 } from '../../migrations/1764080000000-FirstDetectedStage';
import { dataSourceOptions } from '../../apps/api/src/database/data-source';
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

  beforeAll(async () => {
    admin = await new DataSource(dataSourceOptions({ url: testDatabaseUrl() })).initialize();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
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
    const before = await at(MIGRATIONS.slice(0, index)).initialize();
    await before.runMigrations();
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
});
