import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commit that introduced a finding's flaw (from `git blame` of its line, or sent by the client),
 * beside `introduced_at`: lowercase hexadecimal, abbreviated or full (SHA-1 or SHA-256).
 */
export class IntroducedCommit1764080100000 implements MigrationInterface {
  name = 'IntroducedCommit1764080100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE findings
        ADD COLUMN introduced_commit text,
        ADD CONSTRAINT findings_introduced_commit_hex CHECK (introduced_commit ~ '^[0-9a-f]{4,64}$');
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE findings DROP CONSTRAINT findings_introduced_commit_hex, DROP COLUMN introduced_commit`);
  }
}
