import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The token scope a Prometheus scraper holds: the server's operating metrics and nothing else. */
export class MetricsReadScope1765500000000 implements MigrationInterface {
  name = 'MetricsReadScope1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scopes_check;
      ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_check CHECK (
        cardinality(scopes) > 0 AND scopes <@ ARRAY['findings:write', 'threat-models:write', 'read', 'context:read', 'export', 'metrics:read', 'admin']::text[]
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM api_tokens WHERE 'metrics:read' = ANY (scopes);
      ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_scopes_check;
      ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_scopes_check CHECK (
        cardinality(scopes) > 0 AND scopes <@ ARRAY['findings:write', 'threat-models:write', 'read', 'context:read', 'export', 'admin']::text[]
      );
    `);
  }
}
