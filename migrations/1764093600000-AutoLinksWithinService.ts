import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Automatic links now stay within a service: a model's components place only its own service's
 * findings. Links made earlier from one service's findings to another service's model (a component
 * with `paths: ["**"]` claimed every finding of the organisation) are removed; people's links stay.
 */
export class AutoLinksWithinService1764093600000 implements MigrationInterface {
  name = 'AutoLinksWithinService1764093600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM finding_links l
       USING findings f, threat_models m
       WHERE l.source = 'auto' AND f.id = l.finding_id AND m.id = l.threat_model_id AND m.service_id <> f.service_id
    `);
  }

  async down(): Promise<void> {
    // The removed links were wrong; relinking under the old rules would only bring them back.
  }
}
