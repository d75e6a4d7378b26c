import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Changes (a PR/MR or commit set) with the context flags they carried, and the ways a finding is tied to
 * the change that introduced it: by hand (`change_id`), by a change ref sent with the finding
 * (`change_ref`), or by its introducing commit being one of the change's commits. Derived flags are not
 * stored: they are read from context_servings at query time, so a serving after the change was recorded
 * still counts.
 */
export class Changes1765000000000 implements MigrationInterface {
  name = 'Changes1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TYPE context_flag_source AS ENUM ('declared', 'derived', 'imported');

      CREATE TABLE changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        ref text NOT NULL CHECK (length(ref) BETWEEN 1 AND 200),
        title text CHECK (title IS NULL OR length(title) <= 1000),
        author text CHECK (author IS NULL OR length(author) <= 200),
        ticket text CHECK (ticket IS NULL OR length(ticket) <= 500),
        commits text[] NOT NULL DEFAULT '{}',
        base_commit text CHECK (base_commit ~ '^[0-9a-f]{4,64}$'),
        merge_commit text CHECK (merge_commit ~ '^[0-9a-f]{4,64}$'),
        opened_at timestamptz,
        merged_at timestamptz,
        ai_assisted boolean,
        -- Flags as declared by CI or imported from a ticket system; null is unknown. Derived values are read
        -- from context_servings when these are unknown.
        threat_model_linked boolean,
        threat_model_linked_source context_flag_source,
        acceptance_criteria boolean,
        acceptance_criteria_source context_flag_source,
        prompt_context boolean,
        prompt_context_source context_flag_source,
        reviewed_against_model boolean,
        reviewed_against_model_source context_flag_source,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT changes_service_ref_unique UNIQUE (service_id, ref),
        CONSTRAINT changes_merged_after_opened CHECK (merged_at IS NULL OR opened_at IS NULL OR merged_at >= opened_at),
        CONSTRAINT changes_commits_hex CHECK (array_to_string(commits, ',') ~ '^([0-9a-f]{4,64}(,[0-9a-f]{4,64})*)?$'),
        CONSTRAINT changes_commit_count CHECK (cardinality(commits) <= 10000)
      );
      CREATE INDEX changes_commits_idx ON changes USING gin (commits);
      CREATE INDEX changes_merge_commit_idx ON changes (merge_commit) WHERE merge_commit IS NOT NULL;
      -- The list's keyset: newest change first, dated by merge, else opening, else recording.
      CREATE INDEX changes_dated_idx ON changes ((coalesce(merged_at, opened_at, recorded_at)) DESC, id DESC);

      ALTER TABLE findings
        ADD COLUMN change_ref text CHECK (change_ref IS NULL OR length(change_ref) BETWEEN 1 AND 200),
        ADD COLUMN change_id uuid REFERENCES changes (id) ON DELETE SET NULL,
        ADD COLUMN change_linked_by text,
        ADD COLUMN change_linked_at timestamptz;
      CREATE INDEX findings_introduced_commit_idx ON findings (introduced_commit) WHERE introduced_commit IS NOT NULL;
      CREATE INDEX findings_change_ref_idx ON findings (service_id, change_ref) WHERE change_ref IS NOT NULL;

      -- The change each finding came from: by hand first, then the change ref sent with it, then its
      -- introducing commit among a change's commits (or its merge commit) of the same service.
      CREATE VIEW finding_changes AS
        SELECT f.id AS finding_id, f.service_id,
               coalesce(m.id, r.id, c.id) AS change_id,
               CASE WHEN m.id IS NOT NULL THEN 'manual' WHEN r.id IS NOT NULL THEN 'change_ref' ELSE 'commit' END AS link_source
          FROM findings f
          LEFT JOIN changes m ON m.id = f.change_id
          LEFT JOIN changes r ON f.change_id IS NULL AND r.service_id = f.service_id AND r.ref = f.change_ref
          LEFT JOIN LATERAL (
            SELECT c.id FROM changes c
             WHERE f.change_id IS NULL AND r.id IS NULL AND f.introduced_commit IS NOT NULL AND c.service_id = f.service_id
               AND (c.commits @> ARRAY[f.introduced_commit] OR c.merge_commit = f.introduced_commit)
             ORDER BY c.merged_at NULLS LAST, c.id
             LIMIT 1
          ) c ON true
         WHERE coalesce(m.id, r.id, c.id) IS NOT NULL;

    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP VIEW finding_changes;
      ALTER TABLE findings DROP COLUMN change_ref, DROP COLUMN change_id, DROP COLUMN change_linked_by, DROP COLUMN change_linked_at;
      DROP TABLE changes;
      DROP TYPE context_flag_source;
    `);
  }
}
