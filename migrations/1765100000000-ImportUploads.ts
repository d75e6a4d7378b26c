import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The file of a background import waits in the database (in parts of about 1 MB) rather than in one
 * process's temporary folder, so any API instance can store it and a crash does not lose it. The job
 * that stores it lives in pg-boss's own schema, which pg-boss creates and upgrades itself.
 */
export class ImportUploads1765100000000 implements MigrationInterface {
  name = 'ImportUploads1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE import_uploads (
        import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
        part integer NOT NULL CHECK (part >= 0),
        bytes bytea NOT NULL,
        PRIMARY KEY (import_id, part)
      );
      -- Parts are written once and read once: no need to compress what is usually compressed JSON already.
      ALTER TABLE import_uploads ALTER COLUMN bytes SET STORAGE EXTERNAL;
      -- What waits in the queue is summed on every upload (its bounds) and scanned for lost workers.
      CREATE INDEX imports_processing ON imports (received_at) WHERE status = 'processing';
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX imports_processing; DROP TABLE import_uploads`);
  }
}
