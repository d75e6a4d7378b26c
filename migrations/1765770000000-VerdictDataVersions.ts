import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns a verdict reads of a finding (as VerdictRollups1765710000100): an update that changes none of them changes no verdict. */
const READ_COLUMNS = ['service_id', 'finding_class', 'introduced_at', 'first_detected_at', 'first_detected_stage', 'status'];

/** Counts one more change for each service of the rows `o`, taking the services' row locks in one order so concurrent imports cannot deadlock on them. */
function bump(rows: string): string {
  return `
    INSERT INTO verdict_data_versions AS v (service_id, version)
    SELECT DISTINCT o.service_id, 1 FROM ${rows} o ORDER BY o.service_id
    ON CONFLICT (service_id) DO UPDATE SET version = v.version + 1;`;
}

/**
 * A version per service of everything an adoption verdict reads of its findings, raised by every statement
 * that changes it. The API keeps computed verdicts per the versions of the services they read (with the
 * adoptions, services and settings): a verdict is served again only while none of them changed, so it is
 * never older than the data the request sees, whichever API instance computed it.
 *
 * One row per service: a write holds its services' rows until it commits, so writes to the same service
 * queue behind each other there (they meet on that service's rollup rows as well); writes to other
 * services do not wait.
 */
export class VerdictDataVersions1765770000000 implements MigrationInterface {
  name = 'VerdictDataVersions1765770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE verdict_data_versions (
        service_id uuid PRIMARY KEY,
        version bigint NOT NULL
      );

      CREATE FUNCTION verdict_data_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${bump('new_rows')}
        ELSIF TG_OP = 'DELETE' THEN
          ${bump('old_rows')}
        ELSE
          ${bump(`(SELECT n.service_id FROM new_rows n JOIN old_rows p ON p.id = n.id
                    WHERE (${READ_COLUMNS.map((c) => `n.${c}`).join(', ')}) IS DISTINCT FROM (${READ_COLUMNS.map((c) => `p.${c}`).join(', ')})
                   UNION
                   SELECT p.service_id FROM new_rows n JOIN old_rows p ON p.id = n.id
                    WHERE (${READ_COLUMNS.map((c) => `n.${c}`).join(', ')}) IS DISTINCT FROM (${READ_COLUMNS.map((c) => `p.${c}`).join(', ')}))`)}
        END IF;
        RETURN NULL;
      END $$;

      CREATE TRIGGER verdict_data_versions_insert AFTER INSERT ON findings REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION verdict_data_versions_bump();
      CREATE TRIGGER verdict_data_versions_update AFTER UPDATE ON findings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION verdict_data_versions_bump();
      CREATE TRIGGER verdict_data_versions_delete AFTER DELETE ON findings REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION verdict_data_versions_bump();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER verdict_data_versions_delete ON findings;
      DROP TRIGGER verdict_data_versions_update ON findings;
      DROP TRIGGER verdict_data_versions_insert ON findings;
      DROP FUNCTION verdict_data_versions_bump();
      DROP TABLE verdict_data_versions;
    `);
  }
}
