import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every context pack, criteria list, review checklist, recorded review and MCP call served, so that
 * coverage is measured rather than self-reported; and the token scope that allows fetching them.
 */
export class ContextServings1764900000000 implements MigrationInterface {
  name = 'ContextServings1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scopes_check;
      ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_check CHECK (
        cardinality(scopes) > 0 AND scopes <@ ARRAY['findings:write', 'threat-models:write', 'read', 'context:read', 'export', 'admin']::text[]
      );

      CREATE TYPE context_channel AS ENUM ('http', 'cli', 'mcp');
      CREATE TYPE context_kind AS ENUM ('pack', 'criteria', 'checklist', 'review', 'model');

      CREATE TABLE context_servings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        served_at timestamptz NOT NULL DEFAULT now(),
        -- Who asked: "user:<email>" or "token:<name>", as the audit log names callers; ids while they exist.
        actor text NOT NULL,
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        token_id uuid REFERENCES api_tokens (id) ON DELETE SET NULL,
        channel context_channel NOT NULL,
        kind context_kind NOT NULL,
        -- The MCP tool or resource read, when served through MCP.
        tool text CHECK (tool IS NULL OR length(tool) BETWEEN 1 AND 100),
        service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        threat_model_id uuid REFERENCES threat_models (id) ON DELETE SET NULL,
        model_version integer,
        component_keys text[] NOT NULL DEFAULT '{}',
        threat_keys text[] NOT NULL DEFAULT '{}',
        path_count integer NOT NULL DEFAULT 0 CHECK (path_count >= 0),
        change_ref text CHECK (change_ref IS NULL OR length(change_ref) BETWEEN 1 AND 200),
        outcome text CHECK (outcome IS NULL OR outcome IN ('approved', 'changes_requested', 'commented')),
        served_chars integer,
        truncated boolean NOT NULL DEFAULT false,
        CONSTRAINT context_servings_review_outcome CHECK ((kind = 'review') = (outcome IS NOT NULL AND change_ref IS NOT NULL))
      );
      -- A change's context flags are derived from the servings that name it.
      CREATE INDEX context_servings_change_idx ON context_servings (service_id, change_ref) WHERE change_ref IS NOT NULL;
      CREATE INDEX context_servings_model_idx ON context_servings (threat_model_id, served_at DESC);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE context_servings;
      DROP TYPE context_kind;
      DROP TYPE context_channel;
      DELETE FROM api_tokens WHERE 'context:read' = ANY (scopes);
      ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scopes_check;
      ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_check CHECK (
        cardinality(scopes) > 0 AND scopes <@ ARRAY['findings:write', 'threat-models:write', 'read', 'export', 'admin']::text[]
      );
    `);
  }
}
