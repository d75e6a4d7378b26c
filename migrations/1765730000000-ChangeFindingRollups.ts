import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where a finding counts in its change's rollup: only when linked to a change of its own service, as the metric reads it. */
const ROLLUP_KEY = (alias: string) => `
  ${alias}.linked_change_id AS change_id, ${alias}.finding_class, ${alias}.first_detected_stage,
  ${alias}.status NOT IN ('suppressed', 'false_positive') AS counted,
  change_finding_lag(${alias}.first_detected_at, coalesce(${alias}.introduced_at, c.merged_at, c.opened_at, c.recorded_at)) AS lag_days`;
const OF_ITS_CHANGE = (alias: string) => `JOIN changes c ON c.id = ${alias}.linked_change_id AND c.service_id = ${alias}.service_id`;
const KEY_COLUMNS = 'change_id, finding_class, first_detected_stage, counted, lag_days';

/**
 * Adds a statement's net change per key (a re-sent finding that changes nothing writes nothing), then
 * removes the keys it emptied: only those can have reached zero. Two statements, as one statement may not
 * modify a row twice.
 */
const APPLY_DELTA = (delta: string, inKeyOrder: boolean) => `
  WITH delta AS (SELECT ${KEY_COLUMNS}, sum(d) AS n FROM (${delta}) x GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0),
  applied AS (
    INSERT INTO change_finding_rollups AS t SELECT * FROM delta${inKeyOrder ? ' ORDER BY 1, 2, 3, 4, 5' : ''}
    ON CONFLICT (${KEY_COLUMNS}) DO UPDATE SET n = t.n + excluded.n
    RETURNING t.*
  )
  SELECT array_agg(ROW(a.*)::change_finding_rollups) INTO emptied FROM applied a WHERE a.n = 0;
  IF emptied IS NOT NULL THEN
    DELETE FROM change_finding_rollups t USING unnest(emptied) e
     WHERE (t.change_id, t.finding_class, t.first_detected_stage, t.counted, t.lag_days) = (e.change_id, e.finding_class, e.first_detected_stage, e.counted, e.lag_days)
       AND t.n = 0;
  END IF`;

/** The findings' trigger function; ChangeFindingRollupsLockOrder1765730000100 has it take its keys' locks in key order. */
export const changeFindingRollupsApply = (inKeyOrder: boolean) => `
      CREATE OR REPLACE FUNCTION change_finding_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        emptied change_finding_rollups[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${APPLY_DELTA(`SELECT ${ROLLUP_KEY('f')}, 1 AS d FROM new_rows f ${OF_ITS_CHANGE('f')}`, inKeyOrder)};
        ELSIF TG_OP = 'DELETE' THEN
          ${APPLY_DELTA(`SELECT ${ROLLUP_KEY('f')}, -1 AS d FROM old_rows f ${OF_ITS_CHANGE('f')}`, inKeyOrder)};
        ELSE
          ${APPLY_DELTA(
            `SELECT ${ROLLUP_KEY('f')}, -1 AS d FROM old_rows f ${OF_ITS_CHANGE('f')}
                         UNION ALL
                         SELECT ${ROLLUP_KEY('f')}, 1 AS d FROM new_rows f ${OF_ITS_CHANGE('f')}`,
            inKeyOrder,
          )};
        END IF;
        RETURN NULL;
      END $$`;

/**
 * The change-context metric's counts per change, kept exact by statement-level triggers (set-based,
 * through transition tables, as finding_rollups): how many findings of each class and stage of first
 * detection a change introduced, by status counted or not and by lag — the whole days, rounded up, from
 * the flaw's introduction (else the change's date: merged, else opened, else recorded) to its first
 * detection, both cut to the millisecond as the API reads them. For a whole number of days H,
 * ceil(d / 1 day) <= H exactly when d <= H days, so the metric's horizon test reads the same from these
 * rows as from the findings, for any horizon. At a million findings the metric read 755,906 findings
 * (1–2 s of the table from disk); it reads about 170,000 of these rows instead.
 *
 * Kept by: every insert, update and delete of findings (a link made or moved, a status, a class, a
 * detection or an introduction changing: the net change per key, so a re-sent finding that changes
 * nothing writes nothing); a change's date or service changing (its rows are counted again from its
 * findings, as the lag of a finding without an introduction runs from that date); a change removed (its
 * rows go). The row-level trigger that relinks findings when a change is recorded runs before the
 * statement-level recount, so a change whose commits and date change at once ends counted afresh.
 *
 * The 50 latest escaped design findings the metric lists are read through a partial index by time of
 * detection, in the list's order, instead of sorting every design finding of every change.
 */
export class ChangeFindingRollups1765730000000 implements MigrationInterface {
  name = 'ChangeFindingRollups1765730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION change_finding_lag(detected timestamptz, introduced timestamptz) RETURNS integer
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT ceil(extract(epoch FROM date_trunc('milliseconds', detected AT TIME ZONE 'UTC') - date_trunc('milliseconds', introduced AT TIME ZONE 'UTC')) / 86400)::integer
      $$;

      -- No foreign key to changes, as for the stored links: a statement's check would lock the change's row at every ingest.
      CREATE TABLE change_finding_rollups (
        change_id uuid NOT NULL,
        finding_class finding_class NOT NULL,
        first_detected_stage detection_stage NOT NULL,
        counted boolean NOT NULL,
        lag_days integer NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (${KEY_COLUMNS})
      );

      ${changeFindingRollupsApply(false)};
      CREATE TRIGGER change_finding_rollups_insert AFTER INSERT ON findings REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION change_finding_rollups_apply();
      CREATE TRIGGER change_finding_rollups_update AFTER UPDATE ON findings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION change_finding_rollups_apply();
      CREATE TRIGGER change_finding_rollups_delete AFTER DELETE ON findings REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION change_finding_rollups_apply();

      CREATE FUNCTION change_finding_rollups_recount() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        redated uuid[];
      BEGIN
        IF TG_OP = 'DELETE' THEN
          DELETE FROM change_finding_rollups t USING old_rows o WHERE t.change_id = o.id;
          RETURN NULL;
        END IF;
        -- Changes whose date or service the statement changed: the lag of a finding without an introduction runs from that date.
        SELECT array_agg(n.id) INTO redated FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE (coalesce(n.merged_at, n.opened_at, n.recorded_at), n.service_id) IS DISTINCT FROM (coalesce(o.merged_at, o.opened_at, o.recorded_at), o.service_id);
        IF redated IS NULL THEN
          RETURN NULL;
        END IF;
        DELETE FROM change_finding_rollups t WHERE t.change_id = ANY (redated);
        INSERT INTO change_finding_rollups
          SELECT ${ROLLUP_KEY('f')}, count(*) FROM findings f ${OF_ITS_CHANGE('f')}
           WHERE f.linked_change_id = ANY (redated)
           GROUP BY 1, 2, 3, 4, 5;
        RETURN NULL;
      END $$;
      CREATE TRIGGER change_finding_rollups_recount AFTER UPDATE ON changes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION change_finding_rollups_recount();
      CREATE TRIGGER change_finding_rollups_forget AFTER DELETE ON changes REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION change_finding_rollups_recount();

      INSERT INTO change_finding_rollups
        SELECT ${ROLLUP_KEY('f')}, count(*) FROM findings f ${OF_ITS_CHANGE('f')} GROUP BY 1, 2, 3, 4, 5;

      CREATE INDEX findings_design_escapes_idx ON findings (first_detected_at DESC, id) WHERE finding_class = 'design' AND linked_change_id IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX findings_design_escapes_idx;
      DROP TRIGGER change_finding_rollups_forget ON changes;
      DROP TRIGGER change_finding_rollups_recount ON changes;
      DROP FUNCTION change_finding_rollups_recount();
      DROP TRIGGER change_finding_rollups_delete ON findings;
      DROP TRIGGER change_finding_rollups_update ON findings;
      DROP TRIGGER change_finding_rollups_insert ON findings;
      DROP FUNCTION change_finding_rollups_apply();
      DROP TABLE change_finding_rollups;
      DROP FUNCTION change_finding_lag(timestamptz, timestamptz);
    `);
  }
}
