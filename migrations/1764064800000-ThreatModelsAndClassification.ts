import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versioned threat models (never overwritten, so "was this threat known before the flaw?" has an
 * answer), links from findings to components and threats, classification overrides and workspace
 * rules, and the audit log they write to.
 */
export class ThreatModelsAndClassification1764064800000 implements MigrationInterface {
  name = 'ThreatModelsAndClassification1764064800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TYPE pwnisms_layer AS ENUM ('product', 'workload', 'network', 'iam', 'secrets', 'monitoring', 'supply_chain');

      ALTER TABLE findings
        ADD COLUMN layer pwnisms_layer,
        ADD COLUMN class_overridden boolean NOT NULL DEFAULT false,
        ADD COLUMN class_overridden_by text,
        ADD COLUMN class_overridden_at timestamptz;

      CREATE TABLE threat_models (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT threat_models_service_unique UNIQUE (service_id)
      );

      CREATE TABLE threat_model_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        threat_model_id uuid NOT NULL REFERENCES threat_models (id) ON DELETE CASCADE,
        version_number integer NOT NULL CHECK (version_number >= 1),
        effective_from timestamptz NOT NULL,
        format text NOT NULL,
        name text NOT NULL,
        source_version text,
        description text,
        content_sha256 text NOT NULL,
        file_name text,
        imported_by text,
        imported_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT threat_model_versions_number_unique UNIQUE (threat_model_id, version_number),
        CONSTRAINT threat_model_versions_content_unique UNIQUE (threat_model_id, content_sha256, effective_from)
      );

      CREATE TABLE tm_trust_zones (
        version_id uuid NOT NULL REFERENCES threat_model_versions (id) ON DELETE CASCADE,
        key text NOT NULL,
        name text NOT NULL,
        trust_rating numeric,
        description text,
        PRIMARY KEY (version_id, key)
      );

      CREATE TABLE tm_trust_boundaries (
        version_id uuid NOT NULL REFERENCES threat_model_versions (id) ON DELETE CASCADE,
        key text NOT NULL,
        name text NOT NULL,
        from_zone_key text,
        to_zone_key text,
        crossing_component_keys text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (version_id, key)
      );

      CREATE TABLE tm_components (
        version_id uuid NOT NULL REFERENCES threat_model_versions (id) ON DELETE CASCADE,
        key text NOT NULL,
        name text NOT NULL,
        description text,
        type text,
        trust_zone_key text,
        parent_key text,
        layer pwnisms_layer,
        match_repos text[] NOT NULL DEFAULT '{}',
        match_paths text[] NOT NULL DEFAULT '{}',
        match_services text[] NOT NULL DEFAULT '{}',
        PRIMARY KEY (version_id, key)
      );

      CREATE TABLE tm_threats (
        version_id uuid NOT NULL REFERENCES threat_model_versions (id) ON DELETE CASCADE,
        key text NOT NULL,
        title text NOT NULL,
        description text,
        component_keys text[] NOT NULL DEFAULT '{}',
        stride text,
        layer pwnisms_layer,
        cwe_ids integer[] NOT NULL DEFAULT '{}',
        severity severity,
        status text NOT NULL,
        mitigations jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (version_id, key)
      );

      -- A finding lives in a component (by key, across versions) and may realise one of its threats.
      -- source 'auto' rows are recomputed; 'manual' rows are people's choices and win, including removals.
      CREATE TABLE finding_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        finding_id uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
        threat_model_id uuid NOT NULL REFERENCES threat_models (id) ON DELETE CASCADE,
        component_key text NOT NULL,
        threat_key text NOT NULL DEFAULT '',
        source text NOT NULL CHECK (source IN ('auto', 'manual')),
        removed boolean NOT NULL DEFAULT false,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT finding_links_unique UNIQUE (finding_id, threat_model_id, component_key, threat_key, source)
      );
      CREATE INDEX finding_links_model_idx ON finding_links (threat_model_id, component_key);

      -- People's removals win over automatic links; removing a component link removes its threat links.
      CREATE VIEW effective_finding_links AS
        SELECT l.finding_id, l.threat_model_id, l.component_key, l.threat_key, l.source
          FROM finding_links l
         WHERE NOT l.removed
           AND NOT EXISTS (SELECT 1 FROM finding_links r
                            WHERE r.removed AND r.finding_id = l.finding_id AND r.threat_model_id = l.threat_model_id
                              AND r.component_key = l.component_key AND (r.threat_key = l.threat_key OR r.threat_key = ''));

      -- When each threat first appeared in its model: the context a flaw introduced later could have had.
      CREATE VIEW threat_first_seen AS
        SELECT v.threat_model_id, t.key, min(v.effective_from) AS first_effective_from
          FROM tm_threats t JOIN threat_model_versions v ON v.id = t.version_id
         GROUP BY v.threat_model_id, t.key;

      -- Context gap: a linked threat was in the model before the flaw was introduced (else first detected).
      -- Model gap: the finding lives in a modelled component but no threat covered it then.
      -- Unmodelled: no component of any model matches it.
      CREATE VIEW finding_gaps AS
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

      CREATE TABLE classification_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position integer NOT NULL,
        match_rule_id text,
        match_tool text,
        match_cwe_id integer,
        finding_class finding_class NOT NULL,
        category text,
        reason text,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT classification_rules_matches_something CHECK (match_rule_id IS NOT NULL OR match_tool IS NOT NULL OR match_cwe_id IS NOT NULL)
      );

      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        details jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_events_at_idx ON audit_events (at DESC);
      -- Append-only for the application: rows can be added and read, never changed or removed.
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
      END $$;
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE audit_events;
      DROP FUNCTION audit_events_append_only();
      DROP TABLE classification_rules;
      DROP VIEW finding_gaps;
      DROP VIEW threat_first_seen;
      DROP VIEW effective_finding_links;
      DROP TABLE finding_links;
      DROP TABLE tm_threats;
      DROP TABLE tm_components;
      DROP TABLE tm_trust_boundaries;
      DROP TABLE tm_trust_zones;
      DROP TABLE threat_model_versions;
      DROP TABLE threat_models;
      ALTER TABLE findings DROP COLUMN layer, DROP COLUMN class_overridden, DROP COLUMN class_overridden_by, DROP COLUMN class_overridden_at;
      DROP TYPE pwnisms_layer;
    `);
  }
}
