/**
 * The rule for a finding's gap is the view finding_gaps, worked out from links and threats at read time; the
 * stored facts and the gap rollups must equal it at every moment. These statements compare them with no
 * help from the stored tables.
 */
export const rowsOf = (rows: unknown[]) => rows.map((r) => Object.values(r as object));

const STAGES = ['design', 'code_review', 'ci', 'pre_release', 'production'];
const COUNTED = `f.status NOT IN ('suppressed', 'false_positive')`;
const COHORT_DAY = `(coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC')::date`;
const DISTINCT_COMPONENTS = `(SELECT DISTINCT finding_id, threat_model_id, component_key FROM effective_finding_links)`;

/** A rollup's rows computed from every finding through finding_gaps, against its stored rows, both ways. */
function rollupMismatches(table: string, keys: { column: string; value: string }[], join = ''): string {
  const counts = ['context_gap', 'model_gap', 'unmodelled'].map(
    (gap) => `ARRAY[${STAGES.map((stage) => `count(*) FILTER (WHERE g.gap = '${gap}' AND f.first_detected_stage >= '${stage}')`).join(', ')}]::int[]`,
  );
  const derived = `SELECT f.service_id, ${COHORT_DAY}, ${keys.map((k) => k.value).join(', ')}${keys.length ? ', ' : ''}${counts.join(', ')}
                     FROM findings f JOIN finding_gaps g ON g.finding_id = f.id ${join} WHERE ${COUNTED} GROUP BY ${[1, 2, ...keys.map((_, i) => i + 3)].join(', ')}`;
  const stored = `SELECT service_id, cohort_day, ${keys.map((k) => k.column).join(', ')}${keys.length ? ', ' : ''}context_gap, model_gap, unmodelled FROM ${table}`;
  return `SELECT '${table}' AS what, concat_ws(' ', d.*) AS key FROM ((${derived} EXCEPT ${stored}) UNION ALL (${stored} EXCEPT ${derived})) d`;
}

/** Each finding's components, from its effective links, with its first detection, as `finding_components` must hold them. */
const DERIVED_COMPONENTS = `SELECT l.finding_id, l.threat_model_id, l.component_key, f.first_detected_at FROM ${DISTINCT_COMPONENTS} l JOIN findings f ON f.id = l.finding_id`;
const STORED_COMPONENTS = `SELECT finding_id, threat_model_id, component_key, first_detected_at FROM finding_components`;

/**
 * Findings whose stored gap facts differ from `finding_gaps` and their own columns and links, stored components that
 * differ from their links, and rollup rows that differ from counting them.
 */
export const STORED_GAP_MISMATCHES = `
  SELECT 'fact' AS what, f.id::text AS key
    FROM findings f JOIN finding_gaps g ON g.finding_id = f.id LEFT JOIN finding_gap_facts x ON x.finding_id = f.id
   WHERE x.finding_id IS NULL OR x.gap <> g.gap OR x.service_id <> f.service_id OR x.first_detected_stage <> f.first_detected_stage
      OR x.cohort_day <> ${COHORT_DAY} OR x.layer IS DISTINCT FROM f.layer OR x.counted <> (${COUNTED}) OR x.first_detected_at <> f.first_detected_at
      OR x.component_models::text || x.component_keys::text IS DISTINCT FROM (
           SELECT coalesce(array_agg(d.threat_model_id ORDER BY d.threat_model_id, d.component_key), '{}')::text
                  || coalesce(array_agg(d.component_key ORDER BY d.threat_model_id, d.component_key), '{}')::text
             FROM (SELECT DISTINCT threat_model_id, component_key FROM effective_finding_links l WHERE l.finding_id = f.id) d)
  UNION ALL
  SELECT 'orphan fact', x.finding_id::text FROM finding_gap_facts x WHERE NOT EXISTS (SELECT 1 FROM findings f WHERE f.id = x.finding_id)
  UNION ALL
  SELECT 'component', concat_ws(' ', d.*) FROM ((${DERIVED_COMPONENTS} EXCEPT ${STORED_COMPONENTS}) UNION ALL (${STORED_COMPONENTS} EXCEPT ${DERIVED_COMPONENTS})) d
  UNION ALL ${rollupMismatches('gap_rollups', [])}
  UNION ALL ${rollupMismatches('gap_layer_rollups', [{ column: 'layer', value: `coalesce(f.layer::text, '')` }])}
  UNION ALL ${rollupMismatches(
    'gap_component_rollups',
    [
      { column: 'threat_model_id', value: 'l.threat_model_id' },
      { column: 'component_key', value: 'l.component_key' },
    ],
    `JOIN ${DISTINCT_COMPONENTS} l ON l.finding_id = f.id`,
  )}
  ORDER BY 1, 2`;

/** The gaps chart's counts (by month) taken from every finding through finding_gaps, as the chart read them before the rollups. */
export function derivedGapChart(groupBy: 'total' | 'layer' | 'component', boundary: string): string {
  const key = { total: `'all'`, layer: `coalesce(f.layer::text, '(no layer)')`, component: `coalesce(ms.name || ' / ' || l.component_key, '(unmodelled)')` }[groupBy];
  const join =
    groupBy === 'component'
      ? `LEFT JOIN ${DISTINCT_COMPONENTS} l ON l.finding_id = f.id LEFT JOIN threat_models m ON m.id = l.threat_model_id LEFT JOIN services ms ON ms.id = m.service_id`
      : '';
  return `
    SELECT ${key} AS key, to_char(date_trunc('month', coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period,
           count(*) FILTER (WHERE g.gap = 'context_gap')::int AS context_gap, count(*) FILTER (WHERE g.gap = 'model_gap')::int AS model_gap,
           count(*) FILTER (WHERE g.gap = 'unmodelled')::int AS unmodelled
      FROM findings f JOIN finding_gaps g ON g.finding_id = f.id ${join}
     WHERE ${COUNTED} AND f.first_detected_stage >= '${boundary}'
     GROUP BY 1, 2 ORDER BY 1, 2`;
}
