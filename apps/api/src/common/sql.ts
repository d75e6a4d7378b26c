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
