import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A finding escapes by the stage of its *first detection in time* (ties: the earlier stage), no longer by
 * the lowest stage it was ever seen at: a flaw found in production on 10 June and in code review on 20 June
 * escaped, and the later review sighting must not undo that. The column says what it now holds
 * (`first_detected_stage`), in `findings` and in the `finding_rollups` key; every finding is recomputed
 * from its detections and the rollups are rebuilt from the findings, so both stay exact.
 */
export class FirstDetectedStage1764080000000 implements MigrationInterface {
  name = 'FirstDetectedStage1764080000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ${dropRollupTriggers}
      ALTER TABLE findings RENAME COLUMN earliest_stage TO first_detected_stage;
      ALTER TABLE finding_rollups RENAME COLUMN earliest_stage TO first_detected_stage;
      COMMENT ON COLUMN findings.first_detected_stage IS
        'Stage of the first detection in time (ties: the earlier stage); kept by the ingest transaction.';

      UPDATE findings f
         SET first_detected_stage = d.stage
        FROM (SELECT DISTINCT ON (finding_id) finding_id, stage
                FROM detections ORDER BY finding_id, detected_at, stage) AS d
       WHERE f.id = d.finding_id AND f.first_detected_stage <> d.stage;

      ${rollupTriggers('first_detected_stage')}
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ${dropRollupTriggers}
      COMMENT ON COLUMN findings.first_detected_stage IS NULL;
      ALTER TABLE findings RENAME COLUMN first_detected_stage TO earliest_stage;
      ALTER TABLE finding_rollups RENAME COLUMN first_detected_stage TO earliest_stage;

      UPDATE findings f
         SET earliest_stage = d.stage
        FROM (SELECT finding_id, min(stage) AS stage FROM detections GROUP BY finding_id) AS d
       WHERE f.id = d.finding_id AND f.earliest_stage <> d.stage;

      ${rollupTriggers('earliest_stage')}
    `);
  }
}

const dropRollupTriggers = `
  DROP TRIGGER finding_rollups_delete ON findings;
  DROP TRIGGER finding_rollups_update ON findings;
  DROP TRIGGER finding_rollups_insert ON findings;
  DROP FUNCTION finding_rollups_apply();
  DROP FUNCTION finding_rollup_rows(findings);
`;

/** The rollup functions and triggers of FindingRollups1764072000000 over the named stage column, and a full rebuild. */
function rollupTriggers(stage: 'first_detected_stage' | 'earliest_stage'): string {
  return `
    CREATE FUNCTION finding_rollup_rows(f findings) RETURNS TABLE (
      service_id uuid, cohort_day date, finding_class finding_class, ${stage} detection_stage, counted boolean
    ) LANGUAGE sql IMMUTABLE AS $$
      SELECT f.service_id, (coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC')::date, f.finding_class,
             f.${stage}, f.status NOT IN ('suppressed', 'false_positive')
    $$;

    CREATE FUNCTION finding_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        WITH gone AS (
          SELECT r.*, count(*) AS n FROM old_rows o, LATERAL finding_rollup_rows(o) r GROUP BY 1, 2, 3, 4, 5
        )
        UPDATE finding_rollups t SET n = t.n - gone.n
          FROM gone
         WHERE (t.service_id, t.cohort_day, t.finding_class, t.${stage}, t.counted)
             = (gone.service_id, gone.cohort_day, gone.finding_class, gone.${stage}, gone.counted);
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO finding_rollups AS t
        SELECT r.*, count(*) FROM new_rows o, LATERAL finding_rollup_rows(o) r GROUP BY 1, 2, 3, 4, 5
        ON CONFLICT (service_id, cohort_day, finding_class, ${stage}, counted)
        DO UPDATE SET n = t.n + excluded.n;
      END IF;
      DELETE FROM finding_rollups WHERE n = 0;
      RETURN NULL;
    END $$;

    CREATE TRIGGER finding_rollups_insert AFTER INSERT ON findings REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION finding_rollups_apply();
    CREATE TRIGGER finding_rollups_update AFTER UPDATE ON findings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION finding_rollups_apply();
    CREATE TRIGGER finding_rollups_delete AFTER DELETE ON findings REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION finding_rollups_apply();

    DELETE FROM finding_rollups;
    INSERT INTO finding_rollups
    SELECT r.*, count(*) FROM findings f, LATERAL finding_rollup_rows(f) r GROUP BY 1, 2, 3, 4, 5;
  `;
}
