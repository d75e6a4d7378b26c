import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What an import needs to be traced and replayed: size, origin, full-scan flag, and what it closed. */
export class ImportDetails1764061200000 implements MigrationInterface {
  name = 'ImportDetails1764061200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE imports
        ADD COLUMN bytes bigint,
        ADD COLUMN repo text,
        ADD COLUMN commit_sha text,
        ADD COLUMN full_scan boolean NOT NULL DEFAULT false,
        ADD COLUMN tools text[] NOT NULL DEFAULT '{}',
        ADD COLUMN fixed_count integer NOT NULL DEFAULT 0;
      CREATE INDEX findings_service_tool_open_idx ON findings (service_id, tool) WHERE status = 'open';
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX findings_service_tool_open_idx;
      ALTER TABLE imports DROP COLUMN bytes, DROP COLUMN repo, DROP COLUMN commit_sha, DROP COLUMN full_scan,
        DROP COLUMN tools, DROP COLUMN fixed_count;
    `);
  }
}
