import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The findings page sorted by title reads its page from an index of (title, id) instead of sorting every
 * finding (about a second at a million findings). A B-tree entry holds at most about 2,700 bytes and a title
 * may have 1,000 characters of up to four bytes, so titles longer than 2,000 bytes stay out of it; the page
 * reads those few through the second, partial index and merges the two lists (FindingQueryRepository.list).
 * The index orders titles by the database's collation, as the sort did, so the page is the same under any
 * collation, the embedded database's C as well as a server's linguistic one.
 */
export class TitlePageIndex1765785000000 implements MigrationInterface {
  name = 'TitlePageIndex1765785000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX findings_title_page_idx ON findings (title, id) WHERE octet_length(title) <= 2000;
      CREATE INDEX findings_long_title_idx ON findings (id) WHERE octet_length(title) > 2000;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX findings_long_title_idx;
      DROP INDEX findings_title_page_idx;
    `);
  }
}
