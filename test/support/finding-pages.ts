import type { HttpClient } from './http-client';

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
