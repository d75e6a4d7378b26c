import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops the index of every commit inside the changes' commit arrays. It served the read-time change link of
 * Changes1765000000000; since StoredChangeLinks1765600000000 a commit's changes are found through
 * `change_commits`, and no statement matches inside the arrays any more. It still cost every write of a
 * change (a change holds up to 10,000 commits, each an entry), and at 10M demo findings its build was 45 s of
 * the bulk load (7.5 million commits in 1,122 changes).
 */
export class DropUnreadChangeCommitsIndex1765840000000 implements MigrationInterface {
  name = 'DropUnreadChangeCommitsIndex1765840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX changes_commits_idx`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX changes_commits_idx ON changes USING gin (commits)`);
  }
}
