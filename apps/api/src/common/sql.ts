import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs an UPDATE or DELETE with RETURNING and gives its rows. TypeORM's postgres driver answers those
 * statements with `[rows, affectedCount]` rather than the rows, unlike SELECT and INSERT.
 */
export async function modifyReturning<T>(runner: EntityManager | DataSource, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await runner.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

const QUOTE_OR_BACKSLASH = /["\\]/;

/**
 * An array parameter written as PostgreSQL's array text, exactly as `pg` writes a JavaScript array (every
 * element quoted, `"` and `\` escaped, null as NULL), with one test per element instead of two
 * replacements: an ingest batch sends 27 arrays of a thousand elements or more.
 */
export function arrayLiteral(values: readonly (string | number | null | undefined)[]): string {
  let text = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) text += ',';
    const value = values[i];
    if (value === null || value === undefined) {
      text += 'NULL';
      continue;
    }
    const element = typeof value === 'string' ? value : String(value);
    text += `"${QUOTE_OR_BACKSLASH.test(element) ? element.replace(/["\\]/g, '\\$&') : element}"`;
  }
  return `${text}}`;
}
