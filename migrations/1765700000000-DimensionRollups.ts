import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counts of counted findings per service, cohort span, class and severity, one column per stage of first
 * detection, in two tables kept exact by statement-level triggers on `findings` (set-based, through
 * transition tables): `finding_category_rollups` adds category and layer, `finding_source_rollups` source
 * kind and tool. Escape rate grouped by category, severity, layer, source or tool (and by class, team or
 * service with a severity filter) and containment read these rows instead of every finding.
 *
 * The keys are chosen for size. At 1M demo findings a key per cohort *day* with the stage as a key column
 * held 440,000 rows for category alone (nearly one row per finding). Here:
 * - the time key is the cohort *span*: the days of one Monday-based week that fall in one calendar month
 *   (a week crossing a month's end is two spans). Every week, month and quarter bucket is a whole number of
 *   spans, so buckets stay exact; the readers count the days of a `from` or `to` inside a span from the
 *   findings table;
 * - the stage is five count columns instead of a key column;
 * - category and layer share a table, as do source and tool: both pairs are decided together (by the
 *   classification, by the scanner), so the pair has as many keys as its larger member — 56,000 and 73,000
 *   rows at 1M — and an ingest statement updates two tables instead of five.
 * Service (not team) is kept so that a service's move to another team needs no rewrite: team is joined at
 * read time. Class and severity are kept so that the API's class and severity filters are answered too.
 * Suppressed and false-positive findings are counted by no reader, so they are not kept. Text keys hold
 * the readers' group keys exactly (`coalesce(category, 'other')`, `'(no layer)'`, `'(no tool)'`).
 * A full rebuild is one INSERT … SELECT per table, done here.
 */
export class DimensionRollups1765700000000 implements MigrationInterface {
  name = 'DimensionRollups1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION cohort_span(cohort timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT greatest(date_trunc('week', cohort AT TIME ZONE 'UTC'), date_trunc('month', cohort AT TIME ZONE 'UTC'))::date
      $$;
      COMMENT ON FUNCTION cohort_span(timestamptz) IS
        'First day of the cohort span holding this cohort time (UTC): the days of one Monday-based week within one calendar month.';

      ${TABLES.map(
        (table) => `
      CREATE TABLE ${table.name} (
        service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        cohort_span date NOT NULL,
        finding_class finding_class NOT NULL,
        severity severity NOT NULL,
        ${table.columns.map(([column, type]) => `${column} ${type} NOT NULL,`).join('\n        ')}
        -- Counted findings first detected at each stage.
        ${STAGES.map((stage) => `${stage} bigint NOT NULL`).join(',\n        ')},
        PRIMARY KEY (${keyOf(table).join(', ')})
      -- Counts are updated in place: free room in each page keeps most updates on their page (HOT).
      ) WITH (fillfactor = 80);`,
      ).join('\n')}

      CREATE FUNCTION finding_dimension_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        emptied_service uuid[];
        emptied_span date[];
        emptied_class finding_class[];
        emptied_severity severity[];
        emptied_first text[];
        emptied_second text[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${TABLES.map((table) => apply(table, `SELECT 1 AS sign, ${COLUMNS.map((c) => `n.${c}`).join(', ')} FROM new_rows n`, 'INSERT')).join('\n')}
        ELSIF TG_OP = 'DELETE' THEN
          ${TABLES.map((table) => apply(table, `SELECT -1 AS sign, ${COLUMNS.map((c) => `o.${c}`).join(', ')} FROM old_rows o`, 'DELETE')).join('\n')}
        ELSE
          -- Only findings whose counted key changed: most updates (titles, statuses between counted states,
          -- change links) change none, and cost one join here.
          ${TABLES.map((table) =>
            apply(
              table,
              `SELECT c.* FROM old_rows o FULL JOIN new_rows n ON n.id = o.id
                 CROSS JOIN LATERAL (SELECT -1 AS sign, ${COLUMNS.map((c) => `o.${c}`).join(', ')} WHERE o.id IS NOT NULL
                                     UNION ALL
                                     SELECT 1, ${COLUMNS.map((c) => `n.${c}`).join(', ')} WHERE n.id IS NOT NULL) c
                WHERE (${COLUMNS.map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${COLUMNS.map((c) => `n.${c}`).join(', ')})`,
              'UPDATE',
            ),
          ).join('\n')}
        END IF;
        RETURN NULL;
      END $$;

      CREATE TRIGGER finding_dimension_rollups_insert AFTER INSERT ON findings REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_dimension_rollups_apply();
      CREATE TRIGGER finding_dimension_rollups_update AFTER UPDATE ON findings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_dimension_rollups_apply();
      CREATE TRIGGER finding_dimension_rollups_delete AFTER DELETE ON findings REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_dimension_rollups_apply();

      ${TABLES.map(
        (table) => `
      INSERT INTO ${table.name}
      ${aggregate(table, `SELECT 1 AS sign, ${COLUMNS.map((c) => `f.${c}`).join(', ')} FROM findings f`)};
      ANALYZE ${table.name};`,
      ).join('\n')}
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER finding_dimension_rollups_delete ON findings;
      DROP TRIGGER finding_dimension_rollups_update ON findings;
      DROP TRIGGER finding_dimension_rollups_insert ON findings;
      DROP FUNCTION finding_dimension_rollups_apply();
      ${TABLES.map((table) => `DROP TABLE ${table.name};`).join('\n')}
      DROP FUNCTION cohort_span(timestamptz);
    `);
  }
}

interface RollupTable {
  name: string;
  /** The table's own two key columns: name, type, and the value for a finding row `c`. */
  columns: [string, string, string][];
}

const TABLES: readonly RollupTable[] = [
  {
    name: 'finding_category_rollups',
    columns: [
      ['category', 'text', `coalesce(c.category, 'other')`],
      ['layer', 'text', `coalesce(c.layer::text, '(no layer)')`],
    ],
  },
  {
    name: 'finding_source_rollups',
    columns: [
      ['source_kind', 'source_kind', `c.source_kind`],
      ['tool', 'text', `coalesce(c.tool, '(no tool)')`],
    ],
  },
];

/** The finding columns a rollup key is made of. */
const COLUMNS = ['service_id', 'introduced_at', 'first_detected_at', 'finding_class', 'severity', 'category', 'layer', 'source_kind', 'tool', 'first_detected_stage', 'status'];

const STAGES = ['design', 'code_review', 'ci', 'pre_release', 'production'];

const keyOf = (table: RollupTable) => ['service_id', 'cohort_span', 'finding_class', 'severity', ...table.columns.map(([column]) => column)];

/** Signed finding rows (`sign`, COLUMNS) summed into the table's rows. */
function aggregate(table: RollupTable, signedRows: string): string {
  return `
    SELECT c.service_id, cohort_span(coalesce(c.introduced_at, c.first_detected_at)) AS cohort_span, c.finding_class, c.severity,
           ${table.columns.map(([column, , value]) => `${value} AS ${column}`).join(', ')},
           ${STAGES.map((stage) => `coalesce(sum(c.sign) FILTER (WHERE c.first_detected_stage = '${stage}'), 0) AS ${stage}`).join(',\n           ')}
      FROM (${signedRows}) c
     WHERE c.status NOT IN ('suppressed', 'false_positive')
     GROUP BY 1, 2, 3, 4, 5, 6`;
}

/**
 * Adds a statement's signed rows to a table and, when rows leave, removes the keys left at zero, so that
 * no reader sees an empty group. Rows that only leave are subtracted from stored keys, never inserted: a
 * deleted service takes its rollup rows with it before its findings' delete trigger runs.
 */
function apply(table: RollupTable, signedRows: string, op: 'INSERT' | 'UPDATE' | 'DELETE'): string {
  const key = keyOf(table);
  const delta = `SELECT * FROM (${aggregate(table, signedRows)}) delta WHERE (${STAGES.join(', ')}) <> (0, 0, 0, 0, 0)`;
  const write =
    op === 'DELETE'
      ? `UPDATE ${table.name} t
            SET ${STAGES.map((stage) => `${stage} = t.${stage} + d.${stage}`).join(', ')}
           FROM (${delta}) d
          WHERE (${key.map((c) => `t.${c}`).join(', ')}) = (${key.map((c) => `d.${c}`).join(', ')})`
      : `INSERT INTO ${table.name} AS t
         ${delta}
         ON CONFLICT (${key.join(', ')}) DO UPDATE
            SET ${STAGES.map((stage) => `${stage} = t.${stage} + excluded.${stage}`).join(', ')}`;
  if (op === 'INSERT') return `${write};`;
  const [first, second] = table.columns.map(([column]) => column);
  return `
    WITH applied AS (
      ${write}
      RETURNING t.*
    )
    SELECT array_agg(service_id), array_agg(cohort_span), array_agg(finding_class), array_agg(severity), array_agg(${first}::text), array_agg(${second}::text)
      INTO emptied_service, emptied_span, emptied_class, emptied_severity, emptied_first, emptied_second
      FROM applied
     WHERE (${STAGES.join(', ')}) = (0, 0, 0, 0, 0);
    IF emptied_service IS NOT NULL THEN
      DELETE FROM ${table.name} t
       USING unnest(emptied_service, emptied_span, emptied_class, emptied_severity, emptied_first, emptied_second)
             AS e(service_id, cohort_span, finding_class, severity, ${first}, ${second})
       WHERE (${key.map((c) => `t.${c}`).join(', ')})
           = (e.service_id, e.cohort_span, e.finding_class, e.severity, ${table.columns.map(([column, type]) => `e.${column}::${type}`).join(', ')})
         AND (${STAGES.map((stage) => `t.${stage}`).join(', ')}) = (0, 0, 0, 0, 0);
    END IF;`;
}
