import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ChangeFindingRollups1765730000000 } from './1765730000000-ChangeFindingRollups';
import { ChangeFindingRollupsLockOrder1765730000100 } from './1765730000100-ChangeFindingRollupsLockOrder';

const KEY = 'change_id, finding_class, first_detected_stage';

/**
 * A finding's place in its change's histogram, with a count `n`: counted (not suppressed nor a false
 * positive) and linked to a change of its own service, as the metric reads it; its lag as
 * change_finding_lag gives it (whole days, rounded up, from its introduction, else its change's date).
 */
const LAGS = (rows: string, n: string, where = 'true') => `
  SELECT f.linked_change_id AS change_id, f.finding_class, f.first_detected_stage,
         change_finding_lag(f.first_detected_at, coalesce(f.introduced_at, c.merged_at, c.opened_at, c.recorded_at)) AS lag_days, ${n} AS n
    FROM ${rows} f JOIN changes c ON c.id = f.linked_change_id AND c.service_id = f.service_id
   WHERE f.status NOT IN ('suppressed', 'false_positive') AND ${where}`;

/** Rows of `LAGS` into one histogram per key: its lags with a non-zero count, in order, and the findings within each. */
const HISTOGRAMS = (lags: string) => `
  SELECT ${KEY}, array_agg(lag_days ORDER BY lag_days) AS lag_days, array_agg(running ORDER BY lag_days) AS findings_within
    FROM (SELECT ${KEY}, lag_days, (sum(sum(n)) OVER (PARTITION BY ${KEY} ORDER BY lag_days))::integer AS running
            FROM (${lags}) lags GROUP BY ${KEY}, lag_days HAVING sum(n) <> 0) per_lag
   GROUP BY ${KEY}`;

/**
 * Adds a statement's net change per key, as histograms (a re-sent finding that changes nothing writes
 * nothing), taking the keys' row locks in key order so that concurrent statements cannot deadlock (as
 * ChangeFindingRollupsLockOrder1765730000100 did for the rollup this replaces); then removes the keys it
 * emptied.
 */
const APPLY = (lags: string) => `
  WITH delta AS (${HISTOGRAMS(lags)}),
  applied AS (
    INSERT INTO change_finding_lags AS t SELECT * FROM delta ORDER BY 1, 2, 3
    ON CONFLICT (${KEY}) DO UPDATE
      SET (lag_days, findings_within) = (SELECT s.sum_lag_days, s.sum_findings_within FROM change_finding_lags_add(t.lag_days, t.findings_within, excluded.lag_days, excluded.findings_within) s)
    RETURNING t.*
  )
  SELECT array_agg(ROW(a.*)::change_finding_lags) INTO emptied FROM applied a WHERE cardinality(a.lag_days) = 0;
  IF emptied IS NOT NULL THEN
    DELETE FROM change_finding_lags t USING unnest(emptied) e
     WHERE (t.change_id, t.finding_class, t.first_detected_stage) = (e.change_id, e.finding_class, e.first_detected_stage) AND cardinality(t.lag_days) = 0;
  END IF`;

/**
 * The change-context metric's counts as one histogram per change, class and stage of first detection:
 * `lag_days` holds the lags its counted findings have (whole days, rounded up, from the flaw's
 * introduction, else the change's date, to the first detection), in order, and `findings_within[i]` how
 * many of them have a lag of at most `lag_days[i]`. For a horizon of H days, the findings counted are
 * `findings_within[width_bucket(H, lag_days)]` (a binary search; none below the first lag), and all of
 * them the last element: any horizon reads one row per key.
 *
 * It replaces change_finding_rollups (ChangeFindingRollups1765730000000), a row per key and lag, with the
 * findings the metric does not count kept as well: at a million findings the metric summed 169,971 of its
 * rows, 55–100 ms, where it reads 9,638 histograms in about 10.
 *
 * Kept as that rollup was, by statement-level triggers with transition tables: every insert, update and
 * delete of findings adds its net change per key and lag; a change whose date or service changes is
 * counted again from its findings; a removed change's histograms go.
 */
export class ChangeFindingLagHistograms1765780000000 implements MigrationInterface {
  name = 'ChangeFindingLagHistograms1765780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- No foreign key to changes, as for the stored links: a statement's check would lock the change's row at every ingest.
      CREATE TABLE change_finding_lags (
        change_id uuid NOT NULL,
        finding_class finding_class NOT NULL,
        first_detected_stage detection_stage NOT NULL,
        lag_days integer[] NOT NULL,
        findings_within integer[] NOT NULL,
        PRIMARY KEY (${KEY})
      ) WITH (fillfactor = 50); -- room on each page for a histogram's next version: an update that does not move pages touches no index

      -- Two histograms added, in one pass over both lists of lags in order: at each lag, the running counts of both
      -- at their last lag so far, summed; a lag whose count comes to zero (the sum equal to the one before) goes.
      -- A loop, where unnesting both and aggregating them again in SQL cost twice as much at every key an ingest
      -- statement touches.
      CREATE FUNCTION change_finding_lags_add(lag_days integer[], findings_within integer[], more_lag_days integer[], more_findings_within integer[],
                                              OUT sum_lag_days integer[], OUT sum_findings_within integer[])
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
      DECLARE
        i integer := 1;
        j integer := 1;
        m integer := coalesce(cardinality(lag_days), 0);
        k integer := coalesce(cardinality(more_lag_days), 0);
        running integer := 0;
        more_running integer := 0;
        last_running integer := 0;
        lag_day integer;
      BEGIN
        sum_lag_days := '{}';
        sum_findings_within := '{}';
        WHILE i <= m OR j <= k LOOP
          IF j > k OR (i <= m AND lag_days[i] < more_lag_days[j]) THEN
            lag_day := lag_days[i];
            running := findings_within[i];
            i := i + 1;
          ELSE
            IF i <= m AND lag_days[i] = more_lag_days[j] THEN
              running := findings_within[i];
              i := i + 1;
            END IF;
            lag_day := more_lag_days[j];
            more_running := more_findings_within[j];
            j := j + 1;
          END IF;
          IF running + more_running <> last_running THEN
            last_running := running + more_running;
            sum_lag_days := array_append(sum_lag_days, lag_day);
            sum_findings_within := array_append(sum_findings_within, last_running);
          END IF;
        END LOOP;
      END $$;

      CREATE FUNCTION change_finding_lags_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        emptied change_finding_lags[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${APPLY(LAGS('new_rows', '1'))};
        ELSIF TG_OP = 'DELETE' THEN
          ${APPLY(LAGS('old_rows', '-1'))};
        ELSE
          ${APPLY(`${LAGS('old_rows', '-1')} UNION ALL ${LAGS('new_rows', '1')}`)};
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER change_finding_lags_insert AFTER INSERT ON findings REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION change_finding_lags_apply();
      CREATE TRIGGER change_finding_lags_update AFTER UPDATE ON findings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION change_finding_lags_apply();
      CREATE TRIGGER change_finding_lags_delete AFTER DELETE ON findings REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION change_finding_lags_apply();

      CREATE FUNCTION change_finding_lags_recount() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        redated uuid[];
      BEGIN
        IF TG_OP = 'DELETE' THEN
          DELETE FROM change_finding_lags t USING old_rows o WHERE t.change_id = o.id;
          RETURN NULL;
        END IF;
        -- Changes whose date or service the statement changed: the lag of a finding without an introduction runs from that date.
        SELECT array_agg(n.id) INTO redated FROM new_rows n JOIN old_rows o ON o.id = n.id
         WHERE (coalesce(n.merged_at, n.opened_at, n.recorded_at), n.service_id) IS DISTINCT FROM (coalesce(o.merged_at, o.opened_at, o.recorded_at), o.service_id);
        IF redated IS NULL THEN
          RETURN NULL;
        END IF;
        DELETE FROM change_finding_lags t WHERE t.change_id = ANY (redated);
        INSERT INTO change_finding_lags ${HISTOGRAMS(LAGS('findings', '1', 'f.linked_change_id = ANY (redated)'))};
        RETURN NULL;
      END $$;
      CREATE TRIGGER change_finding_lags_recount AFTER UPDATE ON changes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION change_finding_lags_recount();
      CREATE TRIGGER change_finding_lags_forget AFTER DELETE ON changes REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION change_finding_lags_recount();

      INSERT INTO change_finding_lags ${HISTOGRAMS(LAGS('findings', '1'))};

      DROP TRIGGER change_finding_rollups_forget ON changes;
      DROP TRIGGER change_finding_rollups_recount ON changes;
      DROP FUNCTION change_finding_rollups_recount();
      DROP TRIGGER change_finding_rollups_delete ON findings;
      DROP TRIGGER change_finding_rollups_update ON findings;
      DROP TRIGGER change_finding_rollups_insert ON findings;
      DROP FUNCTION change_finding_rollups_apply();
      DROP TABLE change_finding_rollups;
    `);
  }

  /** Back to the rollup per key and lag, counted again from the findings as its own migrations do. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER change_finding_lags_forget ON changes;
      DROP TRIGGER change_finding_lags_recount ON changes;
      DROP FUNCTION change_finding_lags_recount();
      DROP TRIGGER change_finding_lags_delete ON findings;
      DROP TRIGGER change_finding_lags_update ON findings;
      DROP TRIGGER change_finding_lags_insert ON findings;
      DROP FUNCTION change_finding_lags_apply();
      DROP FUNCTION change_finding_lags_add(integer[], integer[], integer[], integer[]);
      DROP TABLE change_finding_lags;
      DROP INDEX findings_design_escapes_idx;
      DROP FUNCTION change_finding_lag(timestamptz, timestamptz);
    `);
    await new ChangeFindingRollups1765730000000().up(queryRunner);
    await new ChangeFindingRollupsLockOrder1765730000100().up(queryRunner);
  }
}
