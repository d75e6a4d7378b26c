import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The findings page filtered by service, team, detection stage or status reads its page from an index in the
 * page's order (first detection, then id, newest first) instead of walking every finding newest first past
 * the newer findings the filter does not match: at a million findings, after one large upload of another
 * service, 160–230 ms a page. A team's page merges the pages of its services, each read from the service's
 * index (FindingQueryRepository.list).
 *
 * Open findings stay out of the status index: every finding is stored open, so they would make most of its
 * writes, and the open page walks the findings newest first, where they are usually the first ones met.
 */
export class FilteredPageIndexes1765790000100 implements MigrationInterface {
  name = 'FilteredPageIndexes1765790000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX findings_service_page_idx ON findings (service_id, first_detected_at DESC, id DESC);
      CREATE INDEX findings_stage_page_idx ON findings (first_detected_stage, first_detected_at DESC, id DESC);
      CREATE INDEX findings_status_page_idx ON findings (status, first_detected_at DESC, id DESC) WHERE status <> 'open';
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX findings_status_page_idx;
      DROP INDEX findings_stage_page_idx;
      DROP INDEX findings_service_page_idx;
    `);
  }
}
