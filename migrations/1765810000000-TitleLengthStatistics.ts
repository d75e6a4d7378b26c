import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The findings page sorted by title merges two pages: titles of at most 2,000 bytes from the (title, id)
 * index, longer ones from their own partial index (migration TitlePageIndex). Without statistics on the
 * title's length the planner takes a third of the findings to be long: at 10M findings it planned the long
 * titles' page as a parallel sort of 3.3M rows, costly enough to be compiled (JIT), and every page took
 * 4.8 s where reading the (empty) partial index takes under a millisecond. Statistics on the expression let
 * ANALYZE count the long titles.
 */
export class TitleLengthStatistics1765810000000 implements MigrationInterface {
  name = 'TitleLengthStatistics1765810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE STATISTICS findings_title_length ON (octet_length(title)) FROM findings;
      ANALYZE findings;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP STATISTICS findings_title_length`);
  }
}
