import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People (local accounts with roles and teams), their server-side sessions, and machine tokens for CI.
 * Secrets are never stored: sessions and tokens keep a SHA-256 of a high-entropy secret, passwords an
 * argon2id hash. A team cannot be deleted while users or tokens are restricted to it, so no deletion can
 * silently widen what someone sees.
 */
export class AccessControl1764068400000 implements MigrationInterface {
  name = 'AccessControl1764068400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TYPE user_role AS ENUM ('admin', 'security_lead', 'manager', 'viewer');

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- Stored lower-cased, so that uniqueness and login ignore case.
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
        role user_role NOT NULL,
        -- Null for an account that signs in elsewhere (a future OIDC provider), never an empty password.
        password_hash text,
        must_change_password boolean NOT NULL DEFAULT true,
        password_changed_at timestamptz,
        disabled_at timestamptz,
        last_login_at timestamptz,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_unique UNIQUE (email)
      );

      CREATE TABLE user_teams (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE RESTRICT,
        PRIMARY KEY (user_id, team_id)
      );
      CREATE INDEX user_teams_team_idx ON user_teams (team_id);

      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        secret_sha256 bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ip text,
        user_agent text,
        CONSTRAINT sessions_secret_unique UNIQUE (secret_sha256)
      );
      CREATE INDEX sessions_user_idx ON sessions (user_id);

      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        -- Public part of the token (esc_<prefix>_<secret>): finds the row, shown in lists.
        prefix text NOT NULL,
        secret_sha256 bytea NOT NULL,
        scopes text[] NOT NULL CHECK (
          cardinality(scopes) > 0 AND scopes <@ ARRAY['findings:write', 'threat-models:write', 'read', 'export', 'admin']::text[]
        ),
        team_id uuid REFERENCES teams (id) ON DELETE RESTRICT,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by text,
        CONSTRAINT api_tokens_prefix_unique UNIQUE (prefix),
        -- Administration is organisation-wide by nature: a team token cannot hold it.
        CONSTRAINT api_tokens_admin_unrestricted CHECK (team_id IS NULL OR NOT ('admin' = ANY (scopes)))
      );
      -- Audit entries name tokens by name, so two live tokens never share one.
      CREATE UNIQUE INDEX api_tokens_live_name_unique ON api_tokens (name) WHERE revoked_at IS NULL;

      CREATE INDEX audit_events_action_idx ON audit_events (action, id DESC);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX audit_events_action_idx;
      DROP TABLE api_tokens;
      DROP TABLE sessions;
      DROP TABLE user_teams;
      DROP TABLE users;
      DROP TYPE user_role;
    `);
  }
}
