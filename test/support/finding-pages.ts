import type { HttpClient } from './http-client';
import type { TestApp } from './test-app';

/** The ids of every finding the list answers for a query, page after page, in the order it answers them. */
export async function listedIds(http: HttpClient, query: string, limit = 3): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { id: string }[]; nextCursor: string | null } = (
      await http.get(`/api/v1/findings?limit=${limit}&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`).expect(200)
    ).body;
    ids.push(...page.items.map((f) => f.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

const ORDER = { desc: 'f.first_detected_at DESC, f.id DESC', asc: 'f.first_detected_at ASC, f.id ASC' } as const;

/**
 * The list filtered by each gap and by each component the links name (and one they do not), paged through
 * newest first and oldest first, against the same findings found from the links by `finding_gaps` and
 * `effective_finding_links`, with no help from the stored tables the list reads. Answers the
 * filters whose pages differ; none when all agree.
 */
export async function listsDifferingFromLinks(sut: TestApp, limit = 3): Promise<{ filter: string; listed: string[]; derived: string[] }[]> {
  const differing: { filter: string; listed: string[]; derived: string[] }[] = [];
  const compare = async (filter: string, derivedSql: string, params: unknown[]) => {
    for (const order of ['desc', 'asc'] as const) {
      const listed = await listedIds(sut.http(), `${filter}&order=${order}`, limit);
      const derived = (await sut.sql<{ id: string }>(`${derivedSql} ORDER BY ${ORDER[order]}`, params)).map((row) => row.id);
      if (listed.join() !== derived.join()) differing.push({ filter: `${filter}&order=${order}`, listed, derived });
    }
  };
  for (const gap of ['context_gap', 'model_gap', 'unmodelled']) {
    await compare(`gap=${gap}`, `SELECT f.id FROM findings f JOIN finding_gaps g ON g.finding_id = f.id WHERE g.gap = $1`, [gap]);
  }
  const components = await sut.sql<{ model: string; component: string }>(
    `SELECT DISTINCT threat_model_id AS model, component_key AS component FROM effective_finding_links
     UNION SELECT id, 'no-such-component' FROM threat_models ORDER BY 1, 2`,
  );
  for (const { model, component } of components) {
    await compare(
      `threatModel=${model}&component=${encodeURIComponent(component)}`,
      `SELECT f.id FROM findings f WHERE EXISTS (SELECT 1 FROM effective_finding_links l WHERE l.finding_id = f.id AND l.threat_model_id = $1 AND l.component_key = $2)`,
      [model, component],
    );
  }
  return differing;
}
