import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The findings page filtered to context or model gaps reads its page from an index of the stored facts, (gap,
 * first detection, id), instead of walking every finding newest first and looking its gap up: at a million
 * findings, with the newest 120,000 all unmodelled (one large upload), a page of context gaps looked up
 * 120,000 facts (170 ms). The facts keep a copy of their finding's first detection for it, and the list pages
 * on that copy (findingFilter). A finding's facts are already refreshed whenever its first detection changes
 * (finding_gap_facts_updated).
 *
 * Unmodelled findings stay out of the index: every finding is stored unmodelled before it is linked, and
 * uploads to services without a model stay so, so they would make most of its writes; the unmodelled page
 * walks the findings newest first, where they are usually the first ones met.
 */
export class GapPageIndex1765785000100 implements MigrationInterface {
  name = 'GapPageIndex1765785000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE finding_gap_facts ADD COLUMN first_detected_at timestamptz;
      -- Rewritten whole rather than updated in place: updating every row would leave the table and its key
      -- twice their size. The rollups count the same facts as before, so their triggers stay off meanwhile.
      CREATE TEMPORARY TABLE gap_facts_before ON COMMIT DROP AS SELECT * FROM finding_gap_facts;
      ALTER TABLE finding_gap_facts DISABLE TRIGGER USER;
      TRUNCATE finding_gap_facts;
      INSERT INTO finding_gap_facts (finding_id, service_id, cohort_day, first_detected_stage, counted, layer, gap,
                                     component_models, component_keys, first_detected_at)
      SELECT g.finding_id, g.service_id, g.cohort_day, g.first_detected_stage, g.counted, g.layer, g.gap,
             g.component_models, g.component_keys, f.first_detected_at
        FROM gap_facts_before g JOIN findings f ON f.id = g.finding_id
       ORDER BY g.finding_id;
      ALTER TABLE finding_gap_facts ENABLE TRIGGER USER;
      ALTER TABLE finding_gap_facts ALTER COLUMN first_detected_at SET NOT NULL;
      CREATE INDEX finding_gap_facts_page_idx ON finding_gap_facts (gap, first_detected_at DESC, finding_id DESC) WHERE gap <> 'unmodelled';
      ${REFRESH_WITH_FIRST_DETECTION}
      ${INSERTED_WITH_FIRST_DETECTION}
      ANALYZE finding_gap_facts;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ${REFRESH}
      ${INSERTED}
      DROP INDEX finding_gap_facts_page_idx;
      ALTER TABLE finding_gap_facts DROP COLUMN first_detected_at;
    `);
  }
}

/** The links' part of the refresh, as StoredFindingGaps1765710000000 wrote it. */
const COMPONENTS_AND_CONTEXT = `
          LEFT JOIN (
            SELECT c.finding_id, bool_or(c.context) AS context,
                   array_agg(c.threat_model_id ORDER BY c.threat_model_id, c.component_key) AS models,
                   array_agg(c.component_key ORDER BY c.threat_model_id, c.component_key) AS keys
              FROM (
                -- context: some linked threat was in its model by the flaw's cohort date (NULL when none is linked).
                SELECT l.finding_id, l.threat_model_id, l.component_key, bool_or(s.first_effective_from <= coalesce(lf.introduced_at, lf.first_detected_at)) AS context
                  FROM effective_finding_links l
                  JOIN findings lf ON lf.id = l.finding_id
                  LEFT JOIN threat_first_seen s ON l.threat_key <> '' AND s.threat_model_id = l.threat_model_id AND s.key = l.threat_key
                 WHERE l.finding_id = ANY (ids)
                 GROUP BY 1, 2, 3
              ) c
             GROUP BY c.finding_id
          ) k ON k.finding_id = f.id`;

/** Rewrites the stored facts of these findings from the current rows, now with their first detection. */
const REFRESH_WITH_FIRST_DETECTION = `
      CREATE OR REPLACE FUNCTION finding_gap_facts_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF ids IS NULL OR cardinality(ids) = 0 THEN
          RETURN;
        END IF;
        PERFORM 1 FROM finding_gap_facts WHERE finding_id = ANY (ids) ORDER BY finding_id FOR UPDATE;
        INSERT INTO finding_gap_facts AS t (finding_id, service_id, cohort_day, first_detected_stage, counted, layer, gap,
                                           component_models, component_keys, first_detected_at)
        SELECT f.id, f.service_id, (coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC')::date, f.first_detected_stage,
               f.status NOT IN ('suppressed', 'false_positive'), f.layer,
               CASE WHEN k.context THEN 'context_gap' WHEN k.finding_id IS NOT NULL THEN 'model_gap' ELSE 'unmodelled' END,
               coalesce(k.models, '{}'), coalesce(k.keys, '{}'), f.first_detected_at
          FROM findings f${COMPONENTS_AND_CONTEXT}
         WHERE f.id = ANY (ids)
        ON CONFLICT (finding_id) DO UPDATE
          SET service_id = excluded.service_id, cohort_day = excluded.cohort_day, first_detected_stage = excluded.first_detected_stage,
              counted = excluded.counted, layer = excluded.layer, gap = excluded.gap,
              component_models = excluded.component_models, component_keys = excluded.component_keys,
              first_detected_at = excluded.first_detected_at
          WHERE (t.service_id, t.cohort_day, t.first_detected_stage, t.counted, t.layer, t.gap, t.component_models, t.component_keys, t.first_detected_at)
                IS DISTINCT FROM
                (excluded.service_id, excluded.cohort_day, excluded.first_detected_stage, excluded.counted, excluded.layer, excluded.gap,
                 excluded.component_models, excluded.component_keys, excluded.first_detected_at);
      END $$;`;

/** As StoredFindingGaps1765710000000 wrote it. */
const REFRESH = `
      CREATE OR REPLACE FUNCTION finding_gap_facts_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF ids IS NULL OR cardinality(ids) = 0 THEN
          RETURN;
        END IF;
        PERFORM 1 FROM finding_gap_facts WHERE finding_id = ANY (ids) ORDER BY finding_id FOR UPDATE;
        INSERT INTO finding_gap_facts AS t
        SELECT f.id, f.service_id, (coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC')::date, f.first_detected_stage,
               f.status NOT IN ('suppressed', 'false_positive'), f.layer,
               CASE WHEN k.context THEN 'context_gap' WHEN k.finding_id IS NOT NULL THEN 'model_gap' ELSE 'unmodelled' END,
               coalesce(k.models, '{}'), coalesce(k.keys, '{}')
          FROM findings f${COMPONENTS_AND_CONTEXT}
         WHERE f.id = ANY (ids)
        ON CONFLICT (finding_id) DO UPDATE
          SET service_id = excluded.service_id, cohort_day = excluded.cohort_day, first_detected_stage = excluded.first_detected_stage,
              counted = excluded.counted, layer = excluded.layer, gap = excluded.gap,
              component_models = excluded.component_models, component_keys = excluded.component_keys
          WHERE (t.service_id, t.cohort_day, t.first_detected_stage, t.counted, t.layer, t.gap, t.component_models, t.component_keys)
                IS DISTINCT FROM
                (excluded.service_id, excluded.cohort_day, excluded.first_detected_stage, excluded.counted, excluded.layer, excluded.gap,
                 excluded.component_models, excluded.component_keys);
      END $$;`;

/** A new finding has no links yet (they reference it): it is unmodelled until the linker links it. */
const INSERTED_WITH_FIRST_DETECTION = `
      CREATE OR REPLACE FUNCTION finding_gap_facts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO finding_gap_facts (finding_id, service_id, cohort_day, first_detected_stage, counted, layer, gap, first_detected_at)
        SELECT n.id, n.service_id, (coalesce(n.introduced_at, n.first_detected_at) AT TIME ZONE 'UTC')::date, n.first_detected_stage,
               n.status NOT IN ('suppressed', 'false_positive'), n.layer, 'unmodelled', n.first_detected_at
          FROM new_rows n;
        RETURN NULL;
      END $$;`;

/** As StoredFindingGaps1765710000000 wrote it. */
const INSERTED = `
      CREATE OR REPLACE FUNCTION finding_gap_facts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO finding_gap_facts (finding_id, service_id, cohort_day, first_detected_stage, counted, layer, gap)
        SELECT n.id, n.service_id, (coalesce(n.introduced_at, n.first_detected_at) AT TIME ZONE 'UTC')::date, n.first_detected_stage,
               n.status NOT IN ('suppressed', 'false_positive'), n.layer, 'unmodelled'
          FROM new_rows n;
        RETURN NULL;
      END $$;`;
