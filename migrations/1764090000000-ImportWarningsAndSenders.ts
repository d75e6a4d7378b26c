import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports name their sender by id as well as by name: a token's name can be reused once it is revoked,
 * so who may follow an upload is decided by the token (or person) that sent it, never by a name. Imports
 * also keep the warnings of what was accepted but changed on the way in (replaced bytes, an artifact
 * index that resolved to nothing), so that nothing is altered silently.
 */
export class ImportWarningsAndSenders1764090000000 implements MigrationInterface {
  name = 'ImportWarningsAndSenders1764090000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE imports
        ADD COLUMN received_by_token_id uuid REFERENCES api_tokens (id) ON DELETE SET NULL,
        ADD COLUMN received_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(warnings) = 'array');

      -- Existing uploads: the token that bore the name when the upload arrived (live then, newest first).
      UPDATE imports i
         SET received_by_token_id = (
               SELECT t.id FROM api_tokens t
                WHERE i.received_by = 'token:' || t.name
                  AND t.created_at <= i.received_at
                  AND (t.revoked_at IS NULL OR t.revoked_at >= i.received_at)
                ORDER BY t.created_at DESC
                LIMIT 1)
       WHERE i.received_by LIKE 'token:%';
      UPDATE imports i SET received_by_user_id = u.id FROM users u WHERE i.received_by = 'user:' || u.email;

      CREATE INDEX imports_received_by_token_idx ON imports (received_by_token_id) WHERE received_by_token_id IS NOT NULL;
      CREATE INDEX imports_received_by_user_idx ON imports (received_by_user_id) WHERE received_by_user_id IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE imports DROP COLUMN warnings, DROP COLUMN received_by_user_id, DROP COLUMN received_by_token_id`);
  }
}
