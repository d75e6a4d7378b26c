import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A failed scheduled report is tried again by the hourly tick a bounded number of times: the run counts
 * its attempts and says when the next one is due (null: none will be made).
 */
export class ReportRunRetries1765460000000 implements MigrationInterface {
  name = 'ReportRunRetries1765460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE report_runs
        ADD COLUMN attempts integer NOT NULL DEFAULT 1 CHECK (attempts >= 1),
        ADD COLUMN next_attempt_at timestamptz;
      CREATE INDEX report_runs_retry_idx ON report_runs (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX report_runs_retry_idx; ALTER TABLE report_runs DROP COLUMN next_attempt_at, DROP COLUMN attempts;`);
  }
}
