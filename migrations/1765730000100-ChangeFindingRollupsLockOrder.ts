import type { MigrationInterface, QueryRunner } from 'typeorm';
import { changeFindingRollupsApply } from './1765730000000-ChangeFindingRollups';

/**
 * The change-context rollup's trigger takes the locks of the keys a statement changes in key order. Ingest
 * batches of one service are already serialised by its advisory lock, but a link made by hand, a class
 * overridden or a status changed is not: two statements upserting the same keys in different orders could
 * wait on each other until PostgreSQL aborted one of them as a deadlock.
 */
export class ChangeFindingRollupsLockOrder1765730000100 implements MigrationInterface {
  name = 'ChangeFindingRollupsLockOrder1765730000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(changeFindingRollupsApply(true));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(changeFindingRollupsApply(false));
  }
}
