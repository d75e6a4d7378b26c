import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An adoption can end (the team stopped the practice): kept, with the date, rather than deleted. */
export class AdoptionRetirement1764075600000 implements MigrationInterface {
  name = 'AdoptionRetirement1764075600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE adoptions
        ADD COLUMN retired_at date,
        ADD CONSTRAINT adoptions_retired_after_start CHECK (retired_at IS NULL OR retired_at >= started_at);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE adoptions DROP CONSTRAINT adoptions_retired_after_start, DROP COLUMN retired_at`);
  }
}
