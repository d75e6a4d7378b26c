import type { TestApp } from './test-app';

/** A demo component with escaped findings, found by SQL independent of the code under test. */
export interface DemoComponent {
  service: string;
  modelId: string;
  key: string;
  /** Paths of escaped findings linked to it (as the findings store them). */
  paths: string[];
  /** Escaped findings (first detected at or after ci, not suppressed or false positive) linked to it. */
  escapes: number;
  /** Threats of the latest version on this component or on the whole system, with their CWE ids. */
  threats: { key: string; cweIds: number[]; status: string; mitigations: { key: string; status: string | null }[] }[];
}

/** The component of payments-api with the most threats among those with escapes (then the most escapes) in the demo organisation. */
export async function demoComponentWithEscapes(app: TestApp, service = 'payments-api'): Promise<DemoComponent> {
  const [top] = await app.sql<{ model_id: string; key: string; escapes: number }>(
    `SELECT l.threat_model_id AS model_id, l.component_key AS key, count(DISTINCT f.id)::int AS escapes
       FROM effective_finding_links l JOIN findings f ON f.id = l.finding_id JOIN threat_models m ON m.id = l.threat_model_id JOIN services s ON s.id = m.service_id
      WHERE s.name = $1 AND f.first_detected_stage >= 'ci' AND f.status NOT IN ('suppressed', 'false_positive')
      GROUP BY 1, 2
      ORDER BY (SELECT count(*) FROM tm_threats t
                 WHERE t.version_id = (SELECT id FROM threat_model_versions WHERE threat_model_id = l.threat_model_id ORDER BY version_number DESC LIMIT 1)
                   AND l.component_key = ANY (t.component_keys)) DESC, 3 DESC, 2
      LIMIT 1`,
    [service],
  );
  const paths = await app.sql<{ path: string }>(
    `SELECT DISTINCT f.path FROM effective_finding_links l JOIN findings f ON f.id = l.finding_id
      WHERE l.threat_model_id = $1 AND l.component_key = $2 AND f.first_detected_stage >= 'ci' AND f.path IS NOT NULL ORDER BY f.path`,
    [top.model_id, top.key],
  );
  const threats = await app.sql<{ key: string; cwe_ids: number[]; status: string; mitigations: { key: string; status: string | null }[] }>(
    `SELECT t.key, t.cwe_ids, t.status, t.mitigations FROM tm_threats t
      WHERE t.version_id = (SELECT id FROM threat_model_versions WHERE threat_model_id = $1 ORDER BY version_number DESC LIMIT 1)
        AND ($2 = ANY (t.component_keys) OR cardinality(t.component_keys) = 0)
      ORDER BY t.key`,
    [top.model_id, top.key],
  );
  return {
    service,
    modelId: top.model_id,
    key: top.key,
    paths: paths.map((p) => p.path),
    escapes: top.escapes,
    threats: threats.map((t) => ({ key: t.key, cweIds: t.cwe_ids, status: t.status, mitigations: t.mitigations })),
  };
}
