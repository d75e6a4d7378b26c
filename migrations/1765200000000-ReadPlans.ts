import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans that stay fast at millions of findings.
 *
 * `finding_gaps` decided each finding's gap with a correlated EXISTS that, for every finding, probed the
 * links once per threat of every model (46 million index probes for 665,000 escaped findings: 259 s at
 * 1M findings). It now joins the links once, grouped by finding, to when each linked threat first
 * appeared: a chart aggregates it with hash joins, and a single finding (the findings page's column and
 * its gap filter) still reads only its own links, because the condition on `finding_id` is pushed into
 * the grouping.
 *
 * The rollup triggers deleted emptied rows with a scan of the whole rollup table after every statement
 * (78,000 rows at 1M findings, on every ingest batch); only the keys the statement decremented can reach
 * zero, so only those are checked, and an insert checks none.
 */
export class ReadPlans1765200000000 implements MigrationInterface {
  name = 'ReadPlans1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE VIEW finding_gaps AS
        SELECT f.id AS finding_id,
               CASE
                 WHEN k.context THEN 'context_gap'
                 WHEN k.finding_id IS NOT NULL THEN 'model_gap'
                 ELSE 'unmodelled'
               END AS gap
          FROM findings f
          LEFT JOIN (
            -- context: some linked threat was in its model by the flaw's cohort date (NULL when none is linked).
            SELECT l.finding_id, bool_or(s.first_effective_from <= coalesce(lf.introduced_at, lf.first_detected_at)) AS context
              FROM effective_finding_links l
              JOIN findings lf ON lf.id = l.finding_id
              LEFT JOIN threat_first_seen s ON l.threat_key <> '' AND s.threat_model_id = l.threat_model_id AND s.key = l.threat_key
             GROUP BY l.finding_id
          ) k ON k.finding_id = f.id;

      CREATE OR REPLACE FUNCTION finding_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          WITH gone AS (
            SELECT r.*, count(*) AS n FROM old_rows o, LATERAL finding_rollup_rows(o) r GROUP BY 1, 2, 3, 4, 5
          )
          UPDATE finding_rollups t SET n = t.n - gone.n
            FROM gone
           WHERE (t.service_id, t.cohort_day, t.finding_class, t.first_detected_stage, t.counted)
               = (gone.service_id, gone.cohort_day, gone.finding_class, gone.first_detected_stage, gone.counted);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          INSERT INTO finding_rollups AS t
          SELECT r.*, count(*) FROM new_rows o, LATERAL finding_rollup_rows(o) r GROUP BY 1, 2, 3, 4, 5
          ON CONFLICT (service_id, cohort_day, finding_class, first_detected_stage, counted)
          DO UPDATE SET n = t.n + excluded.n;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          DELETE FROM finding_rollups t
           USING (SELECT DISTINCT r.* FROM old_rows o, LATERAL finding_rollup_rows(o) r) gone
           WHERE (t.service_id, t.cohort_day, t.finding_class, t.first_detected_stage, t.counted)
               = (gone.service_id, gone.cohort_day, gone.finding_class, gone.first_detected_stage, gone.counted)
             AND t.n = 0;
        END IF;
        RETURN NULL;
      END $$;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE VIEW finding_gaps AS
        SELECT f.id AS finding_id,
               CASE
                 WHEN EXISTS (SELECT 1 FROM effective_finding_links l
                                JOIN threat_first_seen s ON s.threat_model_id = l.threat_model_id AND s.key = l.threat_key
                               WHERE l.finding_id = f.id AND l.threat_key <> ''
                                 AND s.first_effective_from <= coalesce(f.introduced_at, f.first_detected_at)) THEN 'context_gap'
                 WHEN EXISTS (SELECT 1 FROM effective_finding_links l WHERE l.finding_id = f.id) THEN 'model_gap'
                 ELSE 'unmodelled'
               END AS gap
          FROM findings f;

      CREATE OR REPLACE FUNCTION finding_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          WITH gone AS (
            SELECT r.*, count(*) AS n FROM old_rows o, LATERAL finding_rollup_rows(o) r GROUP BY 1, 2, 3, 4, 5
          )
          UPDATE finding_rollups t SET n = t.n - gone.n
            FROM gone
           WHERE (t.service_id, t.cohort_day, t.finding_class, t.first_detected_stage, t.counted)
               = (gone.service_id, gone.cohort_day, gone.finding_class, gone.first_detected_stage, gone.counted);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
          INSERT INTO finding_rollups AS t
          SELECT r.*, count(*) FROM new_rows o, LATERAL finding_rollup_rows(o) r GROUP BY 1, 2, 3, 4, 5
          ON CONFLICT (service_id, cohort_day, finding_class, first_detected_stage, counted)
          DO UPDATE SET n = t.n + excluded.n;
        END IF;
        DELETE FROM finding_rollups WHERE n = 0;
        RETURN NULL;
      END $$;
    `);
  }
}
