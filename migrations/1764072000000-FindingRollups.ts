import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily counts of findings per service, class and earliest stage, kept exact by statement-level
 * triggers on `findings` (set-based, through transition tables). The overview's escape rates (by class,
 * team or service) and adoption impact read these rows instead of every finding, which keeps them fast
 * at millions of findings. The key is deliberately narrow: every extra dimension multiplies the rows
 * (with severity, category, layer, source and tool it held nearly one row per finding); groupings by
 * those dimensions read the findings table. A full rebuild is one INSERT … SELECT, done here.
 */
export class FindingRollups1764072000000 implements MigrationInterface {
  name = 'FindingRollups1764072000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE finding_rollups (
        service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        cohort_day date NOT NULL,
        finding_class finding_class NOT NULL,
        earliest_stage detection_stage NOT NULL,
        -- Suppressed and false-positive findings are kept apart: no rate counts them.
        counted boolean NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (service_id, cohort_day, finding_class, earliest_stage, counted)
      );
      CREATE INDEX finding_rollups_day_idx ON finding_rollups (cohort_day);

      CREATE FUNCTION finding_rollup_rows(f findings) RETURNS TABLE (
        service_id uuid, cohort_day date, finding_class finding_class, earliest_stage detection_stage, counted boolean
      ) LANGUAGE sql IMMUTABLE AS $$
        SELECT f.service_id, (coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC')::date, f.finding_class,
               f.earliest_stage, f.status NOT IN ('suppressed', 'false_positive')
      $$;

      CREATE FUNCTION finding_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          WITH gone AS (
            SELECT r.*, count(*) AS n FROM old_rows o, LATERAL finding_rollup_rows(o) r GROUP BY 1, 2, 3, 4, 5
          )
          UPDATE finding_rollups t SET n = t.n - gone.n
            FROM gone
           WHERE (t.service_id, t.cohort_day, t.finding_class, t.earliest_stage, t.counted)
               = (gone.service_id, gone.cohort_day, gone.finding_class, gone.earliest_stage, gone.counted);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          INSERT INTO finding_rollups AS t
          SELECT r.*, count(*) FROM new_rows o, LATERAL finding_rollup_rows(o) r GROUP BY 1, 2, 3, 4, 5
          ON CONFLICT (service_id, cohort_day, finding_class, earliest_stage, counted)
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

      INSERT INTO finding_rollups
      SELECT r.*, count(*) FROM findings f, LATERAL finding_rollup_rows(f) r GROUP BY 1, 2, 3, 4, 5;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER finding_rollups_delete ON findings;
      DROP TRIGGER finding_rollups_update ON findings;
      DROP TRIGGER finding_rollups_insert ON findings;
      DROP FUNCTION finding_rollups_apply();
      DROP FUNCTION finding_rollup_rows(findings);
      DROP TABLE finding_rollups;
    `);
  }
}
