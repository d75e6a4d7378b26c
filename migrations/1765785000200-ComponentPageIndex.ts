import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The findings page filtered by a threat-model component reads its page from `finding_components`, one row
 * per finding and component it lives in, with a copy of the finding's first detection and an index in the
 * page's order. Before, it read every link of the component, then each of its findings to sort them: about
 * 14,000 findings for one component at a million findings, 130–350 ms, most of it reading pages from outside
 * the buffer cache.
 *
 * The rows are the stored gap facts' component pairs (the distinct components of a finding's effective
 * links) with the facts' first detection, kept by a statement trigger on the facts as the component gap
 * rollups are: the facts are refreshed wherever a finding's links or first detection change, and only the
 * findings whose components or first detection moved are rewritten. No foreign key, as for the facts: a
 * finding removed takes its facts, and they take its rows. One index only, the page's: a finding's rows are
 * found through it from the pairs and first detection its replaced facts held.
 */
export class ComponentPageIndex1765785000200 implements MigrationInterface {
  name = 'ComponentPageIndex1765785000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE finding_components (
        finding_id uuid NOT NULL,
        threat_model_id uuid NOT NULL,
        component_key text NOT NULL,
        first_detected_at timestamptz NOT NULL
      );

      -- A finding's rows are its facts' component pairs with their first detection, so the facts a statement
      -- replaced name the rows to delete (through the page index: the table needs no other).
      CREATE FUNCTION finding_components_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO finding_components (finding_id, threat_model_id, component_key, first_detected_at)
          SELECT n.finding_id, p.threat_model_id, p.component_key, n.first_detected_at
            FROM new_rows n, unnest(n.component_models, n.component_keys) AS p(threat_model_id, component_key);
        ELSIF TG_OP = 'DELETE' THEN
          DELETE FROM finding_components c
           USING old_rows o, unnest(o.component_models, o.component_keys) AS p(threat_model_id, component_key)
           WHERE c.threat_model_id = p.threat_model_id AND c.component_key = p.component_key
             AND c.first_detected_at = o.first_detected_at AND c.finding_id = o.finding_id;
        ELSE
          DELETE FROM finding_components c
           USING old_rows o JOIN new_rows n ON n.finding_id = o.finding_id,
                 unnest(o.component_models, o.component_keys) AS p(threat_model_id, component_key)
           WHERE c.threat_model_id = p.threat_model_id AND c.component_key = p.component_key
             AND c.first_detected_at = o.first_detected_at AND c.finding_id = o.finding_id
             AND (n.component_models, n.component_keys, n.first_detected_at) IS DISTINCT FROM (o.component_models, o.component_keys, o.first_detected_at);
          INSERT INTO finding_components (finding_id, threat_model_id, component_key, first_detected_at)
          SELECT n.finding_id, p.threat_model_id, p.component_key, n.first_detected_at
            FROM new_rows n JOIN old_rows o ON o.finding_id = n.finding_id,
                 unnest(n.component_models, n.component_keys) AS p(threat_model_id, component_key)
           WHERE (n.component_models, n.component_keys, n.first_detected_at) IS DISTINCT FROM (o.component_models, o.component_keys, o.first_detected_at);
        END IF;
        RETURN NULL;
      END $$;

      CREATE TRIGGER finding_components_insert AFTER INSERT ON finding_gap_facts REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_components_apply();
      CREATE TRIGGER finding_components_update AFTER UPDATE ON finding_gap_facts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_components_apply();
      CREATE TRIGGER finding_components_delete AFTER DELETE ON finding_gap_facts REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_components_apply();

      INSERT INTO finding_components (finding_id, threat_model_id, component_key, first_detected_at)
      SELECT g.finding_id, p.threat_model_id, p.component_key, g.first_detected_at
        FROM finding_gap_facts g, unnest(g.component_models, g.component_keys) AS p(threat_model_id, component_key)
       ORDER BY 2, 3, 4 DESC, 1 DESC;
      CREATE INDEX finding_components_page_idx ON finding_components (threat_model_id, component_key, first_detected_at DESC, finding_id DESC);
      ANALYZE finding_components;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER finding_components_delete ON finding_gap_facts;
      DROP TRIGGER finding_components_update ON finding_gap_facts;
      DROP TRIGGER finding_components_insert ON finding_gap_facts;
      DROP FUNCTION finding_components_apply();
      DROP TABLE finding_components;
    `);
  }
}
