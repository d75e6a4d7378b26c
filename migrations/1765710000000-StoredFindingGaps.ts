import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gap of every finding (context gap, model gap, unmodelled) is stored instead of being worked out
 * from its links and the threats' timing at every read, and the gaps chart reads daily counts instead of
 * every finding: at a million findings the chart took 4 s even after ReadPlans1765200000000.
 *
 * `finding_gap_facts` holds, per finding, what the chart needs of it: the rollup key of `finding_rollups`
 * (service, cohort day, first-detection stage, counted) and its layer, its gap as `finding_gaps` decides
 * it, and the components it lives in. It is refreshed from the current rows wherever an input of the
 * gap changes: a finding stored or its cohort, stage, status, layer or service changed; its links added,
 * removed or relinked (the linker writes them per batch, one statement each); a threat added to a model
 * or a version removed, which can move when a threat was first known. Daily counts per service
 * (`gap_rollups`), per service and layer (`gap_layer_rollups`) and per service and model component
 * (`gap_component_rollups`: a finding in two components counts in both, as the chart has always counted
 * it) are kept from the stored facts by statement-level triggers with transition tables, as
 * `finding_rollups` is. Only counted findings are rolled up: no chart counts the others.
 *
 * No foreign keys: a check per stored fact or rollup row would cost every ingested finding a lookup;
 * a removed finding's fact goes with it by trigger, and a service's rollups empty as its findings go. The
 * tables leave room on each page (fillfactor) so that updating counts in place rarely touches an index.
 *
 * A refresh first locks the facts it will rewrite, then reads the links in a new snapshot, so that two
 * transactions changing one finding's links at once do not leave the first one's change out.
 *
 * `finding_gaps` stays the definition: the stored facts must always equal it (the e2e specs check that).
 */
export class StoredFindingGaps1765710000000 implements MigrationInterface {
  name = 'StoredFindingGaps1765710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE finding_gap_facts (
        finding_id uuid PRIMARY KEY,
        service_id uuid NOT NULL,
        cohort_day date NOT NULL,
        first_detected_stage detection_stage NOT NULL,
        counted boolean NOT NULL,
        layer pwnisms_layer,
        gap text NOT NULL CHECK (gap IN ('context_gap', 'model_gap', 'unmodelled')),
        -- The distinct (model, component) pairs of its effective links, in that order, as two parallel arrays.
        component_models uuid[] NOT NULL DEFAULT '{}',
        component_keys text[] NOT NULL DEFAULT '{}'
      ) WITH (fillfactor = 80);

      ${ROLLUPS.map(
        (r) => `
      CREATE TABLE ${r.table} (
        service_id uuid NOT NULL,
        cohort_day date NOT NULL,
        ${r.keys.map(([column, type]) => `${column} ${type} NOT NULL,`).join('\n        ')}
        ${GAPS.map((gap) => `${gap} integer[] NOT NULL,`).join('\n        ')}
        PRIMARY KEY (service_id, cohort_day${r.keys.map(([column]) => `, ${column}`).join('')})
      ) WITH (fillfactor = 70);`,
      ).join('\n')}

      -- Rewrites the stored facts of these findings from the current rows (the same rule as finding_gaps).
      CREATE FUNCTION finding_gap_facts_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF ids IS NULL OR cardinality(ids) = 0 THEN
          RETURN;
        END IF;
        PERFORM 1 FROM finding_gap_facts WHERE finding_id = ANY (ids) ORDER BY finding_id FOR UPDATE;
        INSERT INTO finding_gap_facts AS t
        SELECT f.id, f.service_id, (coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC')::date, f.first_detected_stage,
               f.status NOT IN ('suppressed', 'false_positive'), f.layer,
               CASE WHEN k.context THEN 'context_gap' WHEN k.finding_id IS NOT NULL THEN 'model_gap' ELSE 'unmodelled' END,
               coalesce(k.models, '{}'), coalesce(k.keys, '{}')
          FROM findings f
          LEFT JOIN (
            SELECT c.finding_id, bool_or(c.context) AS context,
                   array_agg(c.threat_model_id ORDER BY c.threat_model_id, c.component_key) AS models,
                   array_agg(c.component_key ORDER BY c.threat_model_id, c.component_key) AS keys
              FROM (
                -- context: some linked threat was in its model by the flaw's cohort date (NULL when none is linked).
                SELECT l.finding_id, l.threat_model_id, l.component_key, bool_or(s.first_effective_from <= coalesce(lf.introduced_at, lf.first_detected_at)) AS context
                  FROM effective_finding_links l
                  JOIN findings lf ON lf.id = l.finding_id
                  LEFT JOIN threat_first_seen s ON l.threat_key <> '' AND s.threat_model_id = l.threat_model_id AND s.key = l.threat_key
                 WHERE l.finding_id = ANY (ids)
                 GROUP BY 1, 2, 3
              ) c
             GROUP BY c.finding_id
          ) k ON k.finding_id = f.id
         WHERE f.id = ANY (ids)
        ON CONFLICT (finding_id) DO UPDATE
          SET service_id = excluded.service_id, cohort_day = excluded.cohort_day, first_detected_stage = excluded.first_detected_stage,
              counted = excluded.counted, layer = excluded.layer, gap = excluded.gap,
              component_models = excluded.component_models, component_keys = excluded.component_keys
          WHERE (t.service_id, t.cohort_day, t.first_detected_stage, t.counted, t.layer, t.gap, t.component_models, t.component_keys)
                IS DISTINCT FROM
                (excluded.service_id, excluded.cohort_day, excluded.first_detected_stage, excluded.counted, excluded.layer, excluded.gap,
                 excluded.component_models, excluded.component_keys);
      END $$;

      -- A new finding has no links yet (they reference it): it is unmodelled until the linker links it.
      CREATE FUNCTION finding_gap_facts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO finding_gap_facts (finding_id, service_id, cohort_day, first_detected_stage, counted, layer, gap)
        SELECT n.id, n.service_id, (coalesce(n.introduced_at, n.first_detected_at) AT TIME ZONE 'UTC')::date, n.first_detected_stage,
               n.status NOT IN ('suppressed', 'false_positive'), n.layer, 'unmodelled'
          FROM new_rows n;
        RETURN NULL;
      END $$;

      CREATE FUNCTION finding_gap_facts_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM finding_gap_facts x USING old_rows o WHERE x.finding_id = o.id;
        RETURN NULL;
      END $$;

      -- Only the columns the gap or its rollup key reads; most updates (classes, change links) touch none.
      CREATE FUNCTION finding_gap_facts_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM finding_gap_facts_refresh(array(
          SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE (n.service_id, n.introduced_at, n.first_detected_at, n.first_detected_stage, n.status, n.layer)
                 IS DISTINCT FROM (o.service_id, o.introduced_at, o.first_detected_at, o.first_detected_stage, o.status, o.layer)));
        RETURN NULL;
      END $$;

      CREATE FUNCTION finding_gap_facts_links_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM finding_gap_facts_refresh(array(SELECT DISTINCT finding_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM finding_gap_facts_refresh(array(SELECT DISTINCT finding_id FROM old_rows));
        ELSE
          PERFORM finding_gap_facts_refresh(array(SELECT finding_id FROM new_rows UNION SELECT finding_id FROM old_rows));
        END IF;
        RETURN NULL;
      END $$;

      -- A threat added (or removed) can move when its key was first known in its model: the findings linked
      -- to that key in that model are refreshed.
      CREATE FUNCTION finding_gap_facts_threats_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM finding_gap_facts_refresh(array(
            SELECT DISTINCT l.finding_id FROM (SELECT DISTINCT v.threat_model_id, t.key FROM new_rows t JOIN threat_model_versions v ON v.id = t.version_id) c
              JOIN finding_links l ON l.threat_model_id = c.threat_model_id AND l.threat_key = c.key));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM finding_gap_facts_refresh(array(
            SELECT DISTINCT l.finding_id FROM (SELECT DISTINCT v.threat_model_id, t.key FROM old_rows t JOIN threat_model_versions v ON v.id = t.version_id) c
              JOIN finding_links l ON l.threat_model_id = c.threat_model_id AND l.threat_key = c.key));
        ELSE
          PERFORM finding_gap_facts_refresh(array(
            SELECT DISTINCT l.finding_id
              FROM (SELECT version_id, key FROM new_rows UNION SELECT version_id, key FROM old_rows) t
              JOIN threat_model_versions v ON v.id = t.version_id
              JOIN finding_links l ON l.threat_model_id = v.threat_model_id AND l.threat_key = t.key));
        END IF;
        RETURN NULL;
      END $$;

      -- A version removed (its threats go with it) or re-dated: every threat-linked finding of its model.
      CREATE FUNCTION finding_gap_facts_versions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM finding_gap_facts_refresh(array(
          SELECT DISTINCT l.finding_id FROM finding_links l
           WHERE l.threat_key <> '' AND l.threat_model_id IN (SELECT threat_model_id FROM old_rows)));
        RETURN NULL;
      END $$;

      -- One upsert per rollup with the net change of the statement (a fact moving within a key changes it once),
      -- then only the keys it emptied are removed.
      CREATE FUNCTION gap_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ${ROLLUPS.flatMap((r) => keyColumns(r).map((_, i) => `${emptied(r, i)} ${['uuid', 'date', ...r.keys.map(([, type]) => type)][i]}[];`)).join('\n        ')}
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${ROLLUPS.map((r) => rollupApply(r, '(SELECT 1 AS sign, n.* FROM new_rows n)')).join('\n')}
        ELSIF TG_OP = 'UPDATE' THEN
          ${ROLLUPS.map((r) => rollupApply(r, '(SELECT 1 AS sign, n.* FROM new_rows n UNION ALL SELECT -1, o.* FROM old_rows o)')).join('\n')}
        ELSE
          ${ROLLUPS.map((r) => rollupApply(r, '(SELECT -1 AS sign, o.* FROM old_rows o)')).join('\n')}
        END IF;
        RETURN NULL;
      END $$;

      CREATE TRIGGER finding_gap_facts_insert AFTER INSERT ON findings REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_gap_facts_inserted();
      CREATE TRIGGER finding_gap_facts_update AFTER UPDATE ON findings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_gap_facts_updated();
      CREATE TRIGGER finding_gap_facts_delete AFTER DELETE ON findings REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_gap_facts_deleted();

      CREATE TRIGGER finding_gap_facts_links_insert AFTER INSERT ON finding_links REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_gap_facts_links_changed();
      CREATE TRIGGER finding_gap_facts_links_update AFTER UPDATE ON finding_links REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_gap_facts_links_changed();
      CREATE TRIGGER finding_gap_facts_links_delete AFTER DELETE ON finding_links REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_gap_facts_links_changed();

      CREATE TRIGGER finding_gap_facts_threats_insert AFTER INSERT ON tm_threats REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_gap_facts_threats_changed();
      CREATE TRIGGER finding_gap_facts_threats_update AFTER UPDATE ON tm_threats REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_gap_facts_threats_changed();
      CREATE TRIGGER finding_gap_facts_threats_delete AFTER DELETE ON tm_threats REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_gap_facts_threats_changed();
      CREATE TRIGGER finding_gap_facts_versions_update AFTER UPDATE ON threat_model_versions REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_gap_facts_versions_changed();
      CREATE TRIGGER finding_gap_facts_versions_delete AFTER DELETE ON threat_model_versions REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION finding_gap_facts_versions_changed();

      CREATE TRIGGER gap_rollups_insert AFTER INSERT ON finding_gap_facts REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION gap_rollups_apply();
      CREATE TRIGGER gap_rollups_update AFTER UPDATE ON finding_gap_facts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION gap_rollups_apply();
      CREATE TRIGGER gap_rollups_delete AFTER DELETE ON finding_gap_facts REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION gap_rollups_apply();
    `);
    // The full build, set-based: one pass over findings and links with hash joins, then the rollups.
    await queryRunner.query(`
      ALTER TABLE finding_gap_facts DISABLE TRIGGER USER;
      INSERT INTO finding_gap_facts
      SELECT f.id, f.service_id, (coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC')::date, f.first_detected_stage,
             f.status NOT IN ('suppressed', 'false_positive'), f.layer,
             CASE WHEN k.context THEN 'context_gap' WHEN k.finding_id IS NOT NULL THEN 'model_gap' ELSE 'unmodelled' END,
             coalesce(k.models, '{}'), coalesce(k.keys, '{}')
        FROM findings f
        LEFT JOIN (
          SELECT c.finding_id, bool_or(c.context) AS context,
                 array_agg(c.threat_model_id ORDER BY c.threat_model_id, c.component_key) AS models,
                 array_agg(c.component_key ORDER BY c.threat_model_id, c.component_key) AS keys
            FROM (
              SELECT l.finding_id, l.threat_model_id, l.component_key, bool_or(s.first_effective_from <= coalesce(lf.introduced_at, lf.first_detected_at)) AS context
                FROM effective_finding_links l
                JOIN findings lf ON lf.id = l.finding_id
                LEFT JOIN threat_first_seen s ON l.threat_key <> '' AND s.threat_model_id = l.threat_model_id AND s.key = l.threat_key
               GROUP BY 1, 2, 3
            ) c
           GROUP BY c.finding_id
        ) k ON k.finding_id = f.id;
      ALTER TABLE finding_gap_facts ENABLE TRIGGER USER;

      ${ROLLUPS.map((r) => `INSERT INTO ${r.table} ${rollupDeltas(r, '(SELECT 1 AS sign, f.* FROM finding_gap_facts f)')};`).join('\n')}
      ANALYZE finding_gap_facts;
      ${ROLLUPS.map((r) => `ANALYZE ${r.table};`).join('\n')}
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER finding_gap_facts_versions_delete ON threat_model_versions;
      DROP TRIGGER finding_gap_facts_versions_update ON threat_model_versions;
      DROP TRIGGER finding_gap_facts_threats_delete ON tm_threats;
      DROP TRIGGER finding_gap_facts_threats_update ON tm_threats;
      DROP TRIGGER finding_gap_facts_threats_insert ON tm_threats;
      DROP TRIGGER finding_gap_facts_links_delete ON finding_links;
      DROP TRIGGER finding_gap_facts_links_update ON finding_links;
      DROP TRIGGER finding_gap_facts_links_insert ON finding_links;
      DROP TRIGGER finding_gap_facts_delete ON findings;
      DROP TRIGGER finding_gap_facts_update ON findings;
      DROP TRIGGER finding_gap_facts_insert ON findings;
      ${ROLLUPS.map((r) => `DROP TABLE ${r.table};`).join('\n')}
      DROP TABLE finding_gap_facts;
      DROP FUNCTION gap_rollups_apply();
      DROP FUNCTION finding_gap_facts_versions_changed();
      DROP FUNCTION finding_gap_facts_threats_changed();
      DROP FUNCTION finding_gap_facts_links_changed();
      DROP FUNCTION finding_gap_facts_deleted();
      DROP FUNCTION finding_gap_facts_updated();
      DROP FUNCTION finding_gap_facts_inserted();
      DROP FUNCTION finding_gap_facts_refresh(uuid[]);
    `);
  }
}

/** The stages in their order (detection_stage), and the gaps: one count array per gap, one element per stage. */
const STAGES = ['design', 'code_review', 'ci', 'pre_release', 'production'] as const;
const GAPS = ['context_gap', 'model_gap', 'unmodelled'] as const;

interface Rollup {
  table: string;
  /** Key columns after service and cohort day, and their types. */
  keys: [string, string][];
  /** The key values of a stored fact `o` (after the service and cohort day), and what to join to get them. */
  values: string[];
  from: (facts: string) => string;
}

/**
 * Counted findings per service and cohort day (total, team and service groupings), per layer too, and per
 * model component. Each gap's array counts, at element k, the findings first detected at or after the k-th
 * stage: a chart's boundary reads one element, so the stage need not be a key (a key with the stage held
 * four times the rows).
 */
const ROLLUPS: Rollup[] = [
  { table: 'gap_rollups', keys: [], values: [], from: (facts) => `${facts} o` },
  // '' for a finding with no layer: a key column cannot be NULL.
  { table: 'gap_layer_rollups', keys: [['layer', 'text']], values: [`coalesce(o.layer::text, '')`], from: (facts) => `${facts} o` },
  {
    table: 'gap_component_rollups',
    keys: [
      ['threat_model_id', 'uuid'],
      ['component_key', 'text'],
    ],
    values: ['c.threat_model_id', 'c.component_key'],
    from: (facts) => `${facts} o, unnest(o.component_models, o.component_keys) AS c(threat_model_id, component_key)`,
  },
];

const keyColumns = (r: Rollup) => ['service_id', 'cohort_day', ...r.keys.map(([column]) => column)];

/**
 * Per key of the rollup, the count arrays of these signed facts (sign 1: added, -1: taken away), leaving
 * out keys whose counts do not change.
 */
function rollupDeltas(r: Rollup, signedFacts: string): string {
  const counts = GAPS.map(
    (gap) => `ARRAY[${STAGES.map((stage) => `coalesce(sum(o.sign) FILTER (WHERE o.gap = '${gap}' AND o.first_detected_stage >= '${stage}'), 0)::int`).join(', ')}] AS ${gap}`,
  );
  const keys = ['o.service_id', 'o.cohort_day', ...r.values];
  const none = `'{${STAGES.map(() => 0).join(',')}}'`;
  return `SELECT * FROM (SELECT ${keys.map((k, i) => `${k} AS ${keyColumns(r)[i]}`).join(', ')}, ${counts.join(', ')}
                           FROM ${r.from(signedFacts)} WHERE o.counted GROUP BY ${keys.map((_, i) => i + 1).join(', ')}) d
           WHERE ${GAPS.map((gap) => `d.${gap} <> ${none}`).join(' OR ')}`;
}

/** The plpgsql variable holding the emptied keys' i-th key column. */
const emptied = (r: Rollup, i: number) => `${r.table}_${keyColumns(r)[i]}`;

/** Adds the net change of the signed facts to the rollup, and removes the keys it left at zero. */
function rollupApply(r: Rollup, signedFacts: string): string {
  const keys = keyColumns(r);
  const sum = (gap: string) => `ARRAY[${STAGES.map((_, i) => `t.${gap}[${i + 1}] + excluded.${gap}[${i + 1}]`).join(', ')}]`;
  return `WITH changed AS (
            INSERT INTO ${r.table} AS t (${[...keys, ...GAPS].join(', ')}) ${rollupDeltas(r, signedFacts)}
            ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${GAPS.map((gap) => `${gap} = ${sum(gap)}`).join(', ')}
            RETURNING ${keys.map((k) => `t.${k}`).join(', ')}, ${GAPS.map((gap) => `t.${gap}[1]`).join(' + ')} AS total
          )
          SELECT ${keys.map((k) => `array_agg(${k})`).join(', ')} INTO ${keys.map((_, i) => emptied(r, i)).join(', ')} FROM changed WHERE total = 0;
          IF ${emptied(r, 0)} IS NOT NULL THEN
            DELETE FROM ${r.table} t USING unnest(${keys.map((_, i) => emptied(r, i)).join(', ')}) AS z(${keys.join(', ')})
             WHERE (${keys.map((k) => `t.${k}`).join(', ')}) = (${keys.map((k) => `z.${k}`).join(', ')})
               AND ${GAPS.map((gap) => `t.${gap}[1]`).join(' + ')} = 0;
          END IF;`;
}
