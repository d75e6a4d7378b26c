import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Teams, services, findings (one row per distinct issue), detections (each sighting), imports and adoptions.
 * Ordered enums carry the domain's order, so `earliest_stage >= 'ci'` is the escape test in SQL.
 */
export class InitialSchema1764057600000 implements MigrationInterface {
  name = 'InitialSchema1764057600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TYPE detection_stage AS ENUM ('design', 'code_review', 'ci', 'pre_release', 'production');
      CREATE TYPE severity AS ENUM ('info', 'low', 'medium', 'high', 'critical');
      CREATE TYPE source_kind AS ENUM ('sast', 'sca', 'secrets', 'iac', 'dast', 'code_review',
        'threat_model_review', 'pentest', 'bug_bounty', 'incident', 'other');
      CREATE TYPE finding_class AS ENUM ('design', 'pattern', 'unclassified');
      CREATE TYPE finding_status AS ENUM ('open', 'fixed', 'accepted_risk', 'suppressed', 'false_positive');
      CREATE TYPE import_status AS ENUM ('processing', 'completed', 'failed');

      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT teams_name_unique UNIQUE (name)
      );

      CREATE TABLE services (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
        repository_patterns text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT services_name_unique UNIQUE (name)
      );
      CREATE INDEX services_team_idx ON services (team_id);

      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        status import_status NOT NULL,
        format text NOT NULL,
        stage detection_stage,
        service_id uuid REFERENCES services (id) ON DELETE SET NULL,
        received_by text,
        file_name text,
        content_sha256 text,
        received_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        received_count integer NOT NULL DEFAULT 0,
        created_count integer NOT NULL DEFAULT 0,
        updated_count integer NOT NULL DEFAULT 0,
        unchanged_count integer NOT NULL DEFAULT 0,
        suppressed_count integer NOT NULL DEFAULT 0,
        error jsonb
      );
      CREATE INDEX imports_received_at_idx ON imports (received_at DESC);

      CREATE TABLE findings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        fingerprint text NOT NULL CHECK (length(fingerprint) BETWEEN 1 AND 512),
        title text NOT NULL,
        severity severity NOT NULL,
        cwe_ids integer[] NOT NULL DEFAULT '{}',
        rule_id text,
        tool text,
        source_kind source_kind NOT NULL,
        repo text,
        path text,
        line integer CHECK (line IS NULL OR line >= 0),
        introduced_at timestamptz,
        status finding_status NOT NULL DEFAULT 'open',
        fixed_at timestamptz,
        finding_class finding_class NOT NULL DEFAULT 'unclassified',
        category text,
        class_rule text,
        class_reason text,
        -- Kept equal to min(detections.stage) and min(detections.detected_at) by the ingest transaction,
        -- so escape queries read one row per finding.
        earliest_stage detection_stage NOT NULL,
        first_detected_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT findings_service_fingerprint_unique UNIQUE (service_id, fingerprint)
      );
      -- The cohort date of a finding: when it was introduced, else when it was first seen.
      CREATE INDEX findings_cohort_idx ON findings ((coalesce(introduced_at, first_detected_at)));
      CREATE INDEX findings_first_detected_idx ON findings (first_detected_at DESC, id DESC);
      CREATE INDEX findings_class_idx ON findings (finding_class, earliest_stage);
      CREATE INDEX findings_severity_idx ON findings (severity);

      CREATE TABLE detections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        finding_id uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
        stage detection_stage NOT NULL,
        source_kind source_kind NOT NULL,
        tool text,
        import_id uuid REFERENCES imports (id) ON DELETE SET NULL,
        commit_sha text,
        detected_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- One detection per stage: re-sending a sighting never adds rows; an earlier sighting moves it back.
        CONSTRAINT detections_finding_stage_unique UNIQUE (finding_id, stage)
      );
      CREATE INDEX detections_import_idx ON detections (import_id);

      CREATE TABLE adoptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_id uuid REFERENCES teams (id) ON DELETE CASCADE,
        service_id uuid REFERENCES services (id) ON DELETE CASCADE,
        practice text NOT NULL CHECK (length(practice) BETWEEN 1 AND 100),
        started_at date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT adoptions_one_subject CHECK ((team_id IS NULL) <> (service_id IS NULL)),
        CONSTRAINT adoptions_unique UNIQUE NULLS NOT DISTINCT (team_id, service_id, practice, started_at)
      );

      CREATE TABLE app_state (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE app_state;
      DROP TABLE adoptions;
      DROP TABLE detections;
      DROP TABLE findings;
      DROP TABLE imports;
      DROP TABLE services;
      DROP TABLE teams;
      DROP TYPE import_status;
      DROP TYPE finding_status;
      DROP TYPE finding_class;
      DROP TYPE source_kind;
      DROP TYPE severity;
      DROP TYPE detection_stage;
    `);
  }
}
