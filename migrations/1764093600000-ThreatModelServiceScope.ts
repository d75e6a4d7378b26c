import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A model's components place the findings of its own service, and of the services its version was
 * allowed to claim: those its `services` rules named and its uploader could write (`also_services`).
 * Automatic links made earlier outside that scope (a component with `paths: ["**"]` claimed every
 * finding of the organisation) are removed; people's links stay.
 */
export class ThreatModelServiceScope1764093600000 implements MigrationInterface {
  name = 'ThreatModelServiceScope1764093600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE threat_model_versions ADD COLUMN also_services uuid[] NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`
      DELETE FROM finding_links l
       USING findings f, threat_models m
       WHERE l.source = 'auto' AND f.id = l.finding_id AND m.id = l.threat_model_id AND m.service_id <> f.service_id
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The removed links were wrong; relinking under the old rules would only bring them back.
    await queryRunner.query(`ALTER TABLE threat_model_versions DROP COLUMN also_services`);
  }
}
