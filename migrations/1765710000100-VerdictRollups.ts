import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The verdict's key of a finding row `o`: its service, class, cohort day, whether that day is a fallback, the day and stage of its first detection. */
const KEY_COLUMNS = ['service_id', 'finding_class', 'cohort_day', 'fallback', 'detected_day', 'first_detected_stage'];
const KEY_VALUES = [
  'o.service_id',
  'o.finding_class',
  `(coalesce(o.introduced_at, o.first_detected_at) AT TIME ZONE 'UTC')::date`,
  'o.introduced_at IS NULL',
  `(o.first_detected_at AT TIME ZONE 'UTC')::date`,
  'o.first_detected_stage',
];
const COUNTED = `o.status NOT IN ('suppressed', 'false_positive')`;
/** The columns a verdict reads of a finding: an update that changes none of them leaves the counts as they were. */
const READ_COLUMNS = ['service_id', 'finding_class', 'introduced_at', 'first_detected_at', 'first_detected_stage', 'status'];

/** Adds the net count change of the signed finding rows `o` (sign 1: added, -1: taken away), then removes the keys it emptied. */
function apply(signedRows: string): string {
  return `
    WITH changed AS (
      INSERT INTO verdict_rollups AS t (${KEY_COLUMNS.join(', ')}, n)
      SELECT ${KEY_VALUES.join(', ')}, sum(o.sign)
        FROM ${signedRows} o
       WHERE ${COUNTED}
       GROUP BY ${KEY_VALUES.map((_, i) => i + 1).join(', ')}
      HAVING sum(o.sign) <> 0
      ON CONFLICT (${KEY_COLUMNS.join(', ')}) DO UPDATE SET n = t.n + excluded.n
      RETURNING ${KEY_COLUMNS.map((c) => `t.${c}`).join(', ')}, t.n
    )
    SELECT ${KEY_COLUMNS.map((c) => `array_agg(${c})`).join(', ')} INTO ${KEY_COLUMNS.map((c) => `emptied_${c}`).join(', ')} FROM changed WHERE n = 0;
    IF emptied_service_id IS NOT NULL THEN
      DELETE FROM verdict_rollups t USING unnest(${KEY_COLUMNS.map((c) => `emptied_${c}`).join(', ')}) AS z(${KEY_COLUMNS.join(', ')})
       WHERE (${KEY_COLUMNS.map((c) => `t.${c}`).join(', ')}) = (${KEY_COLUMNS.map((c) => `z.${c}`).join(', ')}) AND t.n = 0;
    END IF;`;
}

/**
 * Counted findings per service, class, cohort day (introduction, else first detection — flagged as
 * fallback) and the day and stage of their first detection in time: exactly the rows an adoption verdict
 * reads, kept by statement-level triggers on findings with transition tables as `finding_rollups` is. The
 * verdict grouped every finding of every service into these rows at each read (5–10 s at a million
 * findings, nearly all of it reading and sorting the findings); it now reads them.
 *
 * An update only moves the findings whose read columns changed (most updates — change links, layers,
 * titles — move none). No foreign key to services: a check per inserted key would cost every ingest
 * batch a lookup per row, and a removed service's findings take their counts with them.
 */
export class VerdictRollups1765710000100 implements MigrationInterface {
  name = 'VerdictRollups1765710000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE verdict_rollups (
        service_id uuid NOT NULL,
        finding_class finding_class NOT NULL,
        cohort_day date NOT NULL,
        fallback boolean NOT NULL,
        detected_day date NOT NULL,
        first_detected_stage detection_stage NOT NULL,
        n integer NOT NULL,
        PRIMARY KEY (${KEY_COLUMNS.join(', ')})
      ) WITH (fillfactor = 80);

      CREATE FUNCTION verdict_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        emptied_service_id uuid[];
        emptied_finding_class finding_class[];
        emptied_cohort_day date[];
        emptied_fallback boolean[];
        emptied_detected_day date[];
        emptied_first_detected_stage detection_stage[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${apply('(SELECT 1 AS sign, n.* FROM new_rows n)')}
        ELSIF TG_OP = 'DELETE' THEN
          ${apply('(SELECT -1 AS sign, o.* FROM old_rows o)')}
        ELSE
          ${apply(`(SELECT 1 AS sign, n.* FROM new_rows n JOIN old_rows p ON p.id = n.id
                     WHERE (${READ_COLUMNS.map((c) => `n.${c}`).join(', ')}) IS DISTINCT FROM (${READ_COLUMNS.map((c) => `p.${c}`).join(', ')})
                    UNION ALL
                    SELECT -1 AS sign, p.* FROM old_rows p JOIN new_rows n ON n.id = p.id
                     WHERE (${READ_COLUMNS.map((c) => `n.${c}`).join(', ')}) IS DISTINCT FROM (${READ_COLUMNS.map((c) => `p.${c}`).join(', ')}))`)}
        END IF;
        RETURN NULL;
      END $$;

      CREATE TRIGGER verdict_rollups_insert AFTER INSERT ON findings REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION verdict_rollups_apply();
      CREATE TRIGGER verdict_rollups_update AFTER UPDATE ON findings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION verdict_rollups_apply();
      CREATE TRIGGER verdict_rollups_delete AFTER DELETE ON findings REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION verdict_rollups_apply();

      INSERT INTO verdict_rollups
      SELECT ${KEY_VALUES.join(', ')}, count(*) FROM findings o WHERE ${COUNTED} GROUP BY ${KEY_VALUES.map((_, i) => i + 1).join(', ')};
      ANALYZE verdict_rollups;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER verdict_rollups_delete ON findings;
      DROP TRIGGER verdict_rollups_update ON findings;
      DROP TRIGGER verdict_rollups_insert ON findings;
      DROP FUNCTION verdict_rollups_apply();
      DROP TABLE verdict_rollups;
    `);
  }
}
