import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stored gap facts of every finding at once, for a bulk load into a database without findings:
 * `finding_gap_facts_fill()` inserts them by one join of the findings with their links, where the refresh
 * (`finding_gap_facts_refresh(ids)`) selects the given findings and their links by an array of ids and
 * upserts. At a million findings the refresh of all of them took 14.5 s, the fill 11.4 s: no array of a
 * million ids probed for each finding and each link, no conflict check before each row.
 *
 * Both are written here from one text, so they cannot disagree on what a finding's facts are; the refresh
 * is the one GapPageIndex1765785000100 wrote. The fill inserts without conflict handling: a finding that
 * already has facts fails the facts' key, and nothing of the statement is stored.
 */
export class GapFactsOfEveryFinding1765840000100 implements MigrationInterface {
  name = 'GapFactsOfEveryFinding1765840000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION finding_gap_facts_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF ids IS NULL OR cardinality(ids) = 0 THEN
          RETURN;
        END IF;
        PERFORM 1 FROM finding_gap_facts WHERE finding_id = ANY (ids) ORDER BY finding_id FOR UPDATE;
        INSERT INTO finding_gap_facts AS t (${FACT_COLUMNS})
        ${factsOf('f.id = ANY (ids)', 'l.finding_id = ANY (ids)')}
        ON CONFLICT (finding_id) DO UPDATE
          SET service_id = excluded.service_id, cohort_day = excluded.cohort_day, first_detected_stage = excluded.first_detected_stage,
              counted = excluded.counted, layer = excluded.layer, gap = excluded.gap,
              component_models = excluded.component_models, component_keys = excluded.component_keys,
              first_detected_at = excluded.first_detected_at
          WHERE (t.service_id, t.cohort_day, t.first_detected_stage, t.counted, t.layer, t.gap, t.component_models, t.component_keys, t.first_detected_at)
                IS DISTINCT FROM
                (excluded.service_id, excluded.cohort_day, excluded.first_detected_stage, excluded.counted, excluded.layer, excluded.gap,
                 excluded.component_models, excluded.component_keys, excluded.first_detected_at);
      END $$;

      CREATE FUNCTION finding_gap_facts_fill() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO finding_gap_facts (${FACT_COLUMNS})
        ${factsOf('true', 'true')};
      END $$;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The refresh is left as it was before this migration: the same statement.
    await queryRunner.query(`DROP FUNCTION finding_gap_facts_fill()`);
  }
}

const FACT_COLUMNS = `finding_id, service_id, cohort_day, first_detected_stage, counted, layer, gap, component_models, component_keys, first_detected_at`;

/**
 * The facts of the findings `findings` selects, whose links `links` selects (the same findings): a finding
 * linked to a threat that was in its model by the flaw's cohort date is a context gap, one linked only to
 * components a model gap, one without links unmodelled; with the distinct components it lives in.
 */
function factsOf(findings: string, links: string): string {
  return `
        SELECT f.id, f.service_id, (coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC')::date, f.first_detected_stage,
               f.status NOT IN ('suppressed', 'false_positive'), f.layer,
               CASE WHEN k.context THEN 'context_gap' WHEN k.finding_id IS NOT NULL THEN 'model_gap' ELSE 'unmodelled' END,
               coalesce(k.models, '{}'), coalesce(k.keys, '{}'), f.first_detected_at
          FROM findings f
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
                 WHERE ${links}
                 GROUP BY 1, 2, 3
              ) c
             GROUP BY c.finding_id
          ) k ON k.finding_id = f.id
         WHERE ${findings}`;
}
