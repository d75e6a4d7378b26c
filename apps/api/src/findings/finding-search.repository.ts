import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** A service and a month of first detection (UTC, its first day as `YYYY-MM-DD`) whose findings may hold a term. */
export interface SearchGroup {
  service_id: string;
  month: string;
}

/** How many times a search adds the noted findings' trigrams before it gives up and walks the findings. */
const REFRESH_ATTEMPTS = 3;

/**
 * The trigram sets of each service and month (migration FindingSearchGrams1765800000000): which of them can
 * hold a case-insensitive substring. Read and kept on the primary, so that a search that reads its page from a
 * replica (which is behind it) never meets a finding the sets do not cover.
 */
@Injectable()
export class FindingSearchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The trigrams a match of `term` must hold: every three ASCII letters in a row of the term lower-cased as
   * `ILIKE` lower-cases it. Empty when it has none (then every group may hold it).
   */
  async trigrams(term: string): Promise<string[]> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(array_agg(DISTINCT substr(m.w[1], i, 3)), '{}') AS grams
         FROM regexp_matches(lower($1::text), '[abcdefghijklmnopqrstuvwxyz]{3,}', 'g') AS m(w)
         CROSS JOIN LATERAL generate_series(1, length(m.w[1]) - 2) AS i`,
      [term],
    );
    return row.grams;
  }

  /**
   * The services and months that hold every trigram, newest month first; null when findings noted as
   * changed could not all be added (writes kept coming): the caller then reads without the sets.
   */
  async groups(grams: string[]): Promise<SearchGroup[] | null> {
    for (let attempt = 0; attempt < REFRESH_ATTEMPTS; attempt++) {
      if (await this.refresh()) {
        // A trigram of the letters a to f only is also held by a group marked *hex.
        const hex = grams.filter((g) => /^[a-f]{3}$/.test(g));
        const letters = grams.filter((g) => !hex.includes(g));
        const rows: (SearchGroup & { pending: boolean })[] = await this.dataSource.query(
          `SELECT g.service_id, to_char(g.month, 'YYYY-MM-DD') AS month, false AS pending
             FROM finding_search_grams g
            WHERE g.trgm = ANY ($1::text[]) OR g.trgm = ANY ($2::text[]) OR g.trgm = '*hex'
            GROUP BY g.service_id, g.month
           HAVING count(*) FILTER (WHERE g.trgm = ANY ($1::text[])) = cardinality($1::text[])
              AND (count(*) FILTER (WHERE g.trgm = ANY ($2::text[])) = cardinality($2::text[]) OR bool_or(g.trgm = '*hex'))
           UNION ALL
           SELECT NULL, NULL, true WHERE EXISTS (SELECT 1 FROM finding_search_pending)
            ORDER BY 2 DESC, 1`,
          [letters, hex],
        );
        // Findings noted after the refresh may be in any group: add them first (read in the same snapshot).
        if (rows.some((r) => r.pending)) continue;
        return rows.map(({ service_id, month }) => ({ service_id, month }));
      }
    }
    return null;
  }

  /**
   * Adds the trigrams of every finding noted as inserted or changed, and drops the notes, one refresh at a
   * time (a search that waited sees the one before it committed). True when nothing was left noted.
   */
  async refresh(): Promise<boolean> {
    const [{ pending }] = await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM finding_search_pending) AS pending`);
    if (!pending) return true;
    await this.dataSource.transaction(async (manager) => {
      await lockSearchSets(manager);
      // A plan for the few findings noted, not for a guess at them: JIT compiling it costs more than it runs.
      await manager.query(`SET LOCAL jit = off`);
      // The texts of the noted findings (an insert's range of ids may hold other findings: harmless, they are
      // added again), each distinct key of a service and month read once (migration FindingSearchGrams).
      await manager.query(`
        WITH taken AS (
          DELETE FROM finding_search_pending RETURNING service_id, first_id, last_id
        ), ${addTrigramsOf(`taken p
            CROSS JOIN LATERAL (SELECT * FROM findings f WHERE f.id BETWEEN p.first_id AND p.last_id OFFSET 0) f`, 'f.service_id = p.service_id')}`);
    });
    const [again] = await this.dataSource.query(`SELECT NOT EXISTS (SELECT 1 FROM finding_search_pending) AS done`);
    return again.done;
  }

  /**
   * Adds the trigrams of every finding, reading each once, and drops the notes: for a load into a database
   * that held no findings, whose notes (one id range per service and statement) span the whole table.
   */
  async addEveryFinding(manager: EntityManager): Promise<void> {
    await lockSearchSets(manager);
    await manager.query(`DELETE FROM finding_search_pending`);
    await manager.query(`WITH ${addTrigramsOf('findings f', 'true')}`);
  }
}

/**
 * Holds the trigram sets for the caller's transaction: one refresh at a time, and nothing emptied or
 * rewritten under a refresh. Whoever also locks tables takes this first, so no two wait on each other.
 */
export async function lockSearchSets(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('finding_search_grams'))`);
}

/** The month of a finding's first detection, as the trigram sets are keyed. */
const MONTH = `date_trunc('month', f.first_detected_at AT TIME ZONE 'UTC')::date`;

/**
 * The statement's tail that adds the trigrams of the findings `f` of `source` (filtered by `where`): their
 * texts, each distinct key of a service and month read once (migration FindingSearchGrams), in one pass
 * over the findings. A key costs microseconds to compute and titles, rules and paths repeat across a
 * service's findings, so those are taken distinct before their keys are (at a million findings, 23 s of keys
 * became 5); fingerprints are unique, so theirs is computed at once, cheaply for a hexadecimal one
 * (migration HexSearchKeyShortcut), and taken distinct with the texts: keying a key again changes nothing
 * (a key is '', or has no digits and holds a character that is not a hex digit).
 */
function addTrigramsOf(source: string, where: string): string {
  return `texts AS (
          SELECT DISTINCT f.service_id, ${MONTH} AS month, x.value
            FROM ${source}
            CROSS JOIN LATERAL unnest(ARRAY[f.title, f.rule_id, f.path, finding_search_key(f.fingerprint)]) AS x(value)
           WHERE ${where} AND x.value IS NOT NULL
        ), noted AS (
          SELECT DISTINCT service_id, month, finding_search_key(value) AS key FROM texts
        )
        INSERT INTO finding_search_grams (trgm, service_id, month)
        SELECT DISTINCT t.trgm, n.service_id, n.month
          FROM noted n CROSS JOIN LATERAL finding_search_trigrams(n.key) AS t(trgm)
        ON CONFLICT DO NOTHING`;
}
