import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each adoption's primary analysis, fixed when it is recorded: finding class, escape boundary, follow-up
 * horizon rule and minimal important difference. Adoptions already recorded get the defaults.
 */
export class AdoptionPrimaryAnalysis1764080200000 implements MigrationInterface {
  name = 'AdoptionPrimaryAnalysis1764080200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE adoptions
        ADD COLUMN primary_finding_class text NOT NULL DEFAULT 'design'
          CONSTRAINT adoptions_primary_finding_class CHECK (primary_finding_class IN ('design', 'pattern', 'unclassified', 'all')),
        ADD COLUMN primary_boundary detection_stage NOT NULL DEFAULT 'ci',
        ADD COLUMN primary_horizon_rule text NOT NULL DEFAULT 'p90'
          CONSTRAINT adoptions_primary_horizon_rule CHECK (primary_horizon_rule ~ '^(p[5-9][0-9]|[1-9][0-9]{0,3}d)$'),
        ADD COLUMN primary_mid numeric NOT NULL DEFAULT 0.10
          CONSTRAINT adoptions_primary_mid CHECK (primary_mid > 0 AND primary_mid <= 1);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE adoptions DROP COLUMN primary_mid, DROP COLUMN primary_horizon_rule, DROP COLUMN primary_boundary, DROP COLUMN primary_finding_class;
    `);
  }
}
