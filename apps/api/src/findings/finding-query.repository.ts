import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReadDatabase } from '../database/read-database.repository';
import { DETECTION_STAGES, SEVERITIES } from '@escapement/domain';
import type { TeamScope } from '../auth/principal';
import { isCursorTimestamp } from '../common/page-cursor';
import type { FindingRow, ListFindingsQuery } from './finding.dto';
import { countedFinding } from '../common/counted-finding';
import { FindingSearchRepository } from './finding-search.repository';

export interface FindingCursor {
  /** The sort value of the last row, as PostgreSQL prints it. */
  at: string;
  id: string;
}

/**
 * Titles longer than this many bytes are left out of the title index (findings_title_page_idx): a B-tree entry
 * holds at most about 2,700 bytes, and a title may have 1,000 characters of up to four bytes. The migration
 * TitlePageIndex1765785000000 writes the same number in the index's condition.
 */
const LONG_TITLE_BYTES = 2000;

/** Sort keys, from this fixed table only: the expression, and the type its cursor value is cast to. */
const SORTS = {
  detected: { expr: 'f.first_detected_at', type: 'timestamptz', text: `to_json(f.first_detected_at) #>> '{}'` },
  severity: { expr: 'f.severity', type: 'severity', text: 'f.severity::text' },
  stage: { expr: 'f.first_detected_stage', type: 'detection_stage', text: 'f.first_detected_stage::text' },
  title: { expr: 'f.title', type: 'text', text: 'f.title' },
} as const;

/** Whether a cursor's sort value can be cast to the type of the key it pages on (an edited cursor cannot). */
export function acceptsCursorValue(sort: keyof typeof SORTS, at: string): boolean {
  if (sort === 'detected') return isCursorTimestamp(at);
  if (sort === 'severity') return (SEVERITIES as readonly string[]).includes(at);
  if (sort === 'stage') return (DETECTION_STAGES as readonly string[]).includes(at);
  return at.length <= 1000;
}

/** Reads findings with keyset pagination on the chosen sort, so deep pages cost what the first one does. */
@Injectable()
export class FindingQueryRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    /** The list is a dashboard read, served by the read replica when one is configured; one finding by id stays on the primary. */
    private readonly reads: ReadDatabase,
    private readonly search: FindingSearchRepository,
  ) {}

  /** A finding outside the caller's teams is as absent as one that does not exist. */
  async findById(id: string, teams: TeamScope): Promise<FindingRow | null> {
    const [row] = await this.dataSource.query(`${selectFinding(SORTS.detected.text)} WHERE f.id = $1 AND ($2::uuid[] IS NULL OR s.team_id = ANY ($2::uuid[]))`, [id, teams]);
    return row ?? null;
  }

  async list(query: ListFindingsQuery, cursor: FindingCursor | null, limit: number, teams: TeamScope): Promise<(FindingRow & { cursor_value: string })[]> {
    const params: unknown[] = [];
    const bind = bindTo(params);
    const filter = findingFilter(query, teams, bind);
    const key = findingSort(query.sort, filter);
    const descending = (query.order ?? 'desc') === 'desc';
    const where = [...filter.where];
    if (cursor) where.push(`(${key.expr}, ${key.id}) ${descending ? '<' : '>'} (${bind(cursor.at)}::${key.type}, ${bind(cursor.id)}::uuid)`);
    const direction = descending ? 'DESC' : 'ASC';
    const take = bind(limit);
    const page = (more: string[] = []) => {
      const conditions = [...where, ...more];
      return `${selectFinding(key.text, filter.joins)}
        ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
        ORDER BY ${key.expr} ${direction}, ${key.id} ${direction}
        LIMIT ${take}`;
    };
    // A text search reads only the services and months whose trigrams can hold the term (FindingSearchRepository).
    if (query.q && !filter.joins.length && (!query.sort || query.sort === 'detected')) {
      const found = await this.searchPage(query.q, where, params, take, limit, direction);
      if (found) return found;
    }
    // A filter that keeps only some services' findings (a team, the caller's teams) reads the newest page of
    // each of those services from the service's own index in the page's order and merges them: the findings
    // newest first would be walked past every newer finding of the other services (the rest of the organisation).
    // Only without joins: they would filter rows after each service's page was cut.
    if (filter.services && !filter.joins.length && (!query.sort || query.sort === 'detected')) {
      return this.reads.query(
        `${selectFinding(key.text, [], `services s CROSS JOIN LATERAL (
            SELECT f.* FROM findings f
             WHERE ${['f.service_id = s.id', ...where].join(' AND ')}
             ORDER BY ${key.expr} ${direction}, ${key.id} ${direction}
             LIMIT ${take}) f`)}
          WHERE ${filter.services}
          ORDER BY ${key.expr} ${direction}, ${key.id} ${direction}
          LIMIT ${take}`,
        params,
      );
    }
    if (query.sort !== 'title') return this.reads.query(page(), params);
    // Titles of up to LONG_TITLE_BYTES bytes are read in order from their index, longer ones (too long for a
    // B-tree entry; rare) are sorted apart, and the two short lists merged: the order is the collation's own.
    return this.reads.query(
      `SELECT * FROM ((${page([`octet_length(f.title) <= ${LONG_TITLE_BYTES}`])})
                      UNION ALL
                      (${page([`octet_length(f.title) > ${LONG_TITLE_BYTES}`])})) page
        ORDER BY title ${direction}, id ${direction}
        LIMIT ${take}`,
      params,
    );
  }

  /**
   * The page of a text search sorted by first detection, read month by month in the page's order from the
   * services and months that can hold the term, each from the service's page index within the month
   * (findings_service_page_idx): a month's matches all come before the next month's, so the page is complete
   * once the months read hold `limit` matches. Null when the term has no trigram to narrow by.
   */
  private async searchPage(term: string, where: string[], params: unknown[], take: string, limit: number, direction: 'ASC' | 'DESC'): Promise<(FindingRow & { cursor_value: string })[] | null> {
    const grams = await this.search.trigrams(term);
    if (!grams.length) return null;
    const groups = await this.search.groups(grams);
    if (!groups) return null;
    const months = [...new Set(groups.map((g) => g.month))];
    if (direction === 'ASC') months.reverse();
    const rows: (FindingRow & { cursor_value: string })[] = [];
    // One month first (a common term fills the page there), then twice as many months each time.
    for (let from = 0, count = 1; from < months.length && rows.length < limit; from += count, count *= 2) {
      const chosen = new Set(months.slice(from, from + count));
      const part = groups.filter((g) => chosen.has(g.month));
      const batch = [...params];
      const bind = bindTo(batch);
      const order = `f.first_detected_at ${direction}, f.id ${direction}`;
      const source = `unnest(${bind(part.map((g) => g.service_id))}::uuid[], ${bind(part.map((g) => g.month))}::date[]) AS c(service_id, month)
          JOIN services s ON s.id = c.service_id
          CROSS JOIN LATERAL (
            SELECT f.* FROM findings f
             WHERE ${[
               'f.service_id = c.service_id',
               `f.first_detected_at >= c.month::timestamp AT TIME ZONE 'UTC'`,
               `f.first_detected_at < (c.month + interval '1 month') AT TIME ZONE 'UTC'`,
               ...where,
             ].join(' AND ')}
             ORDER BY ${order}
             LIMIT ${take}) f`;
      rows.push(...(await this.reads.query(`${selectFinding(SORTS.detected.text, [], source)} ORDER BY ${order} LIMIT ${take}`, batch)));
    }
    return rows.slice(0, limit);
  }
}

/** Adds a parameter and answers its placeholder. */
export type Bind = (value: unknown) => string;

export function bindTo(params: unknown[]): Bind {
  return (value) => {
    params.push(value);
    return `$${params.length}`;
  };
}

/** The fields of a finding filter: the list's query without paging (exports take the same). */
export type FindingFilter = Omit<ListFindingsQuery, 'cursor' | 'limit' | 'sort' | 'order'>;

/** A filter as SQL on `findings f JOIN services s`. */
export interface FindingFilterSql {
  /** Tables joined to them, each with at most one row per finding: no finding is listed twice. */
  joins: string[];
  where: string[];
  /**
   * A condition on `s` alone that the service of every finding the filter keeps meets (a team, the caller's
   * teams), when there is one: the page may then be read service by service.
   */
  services: string | null;
  /**
   * Where to read the first detection and the id that the list sorted by detection pages on: the finding's
   * own, or a joined table's copy of them whose index is in that order, so that the page is read from it.
   */
  detected: { at: string; id: string };
}

/**
 * What a filter means, with `team` and `service` already ids. The findings list, its exports and anything
 * else that must count the same rows share this.
 */
export function findingFilter(query: FindingFilter, teams: TeamScope, bind: Bind): FindingFilterSql {
  const joins: string[] = [];
  const where: string[] = [];
  const services: string[] = [];
  let detected = { at: 'f.first_detected_at', id: 'f.id' };
  if (teams) services.push(`s.team_id = ANY (${bind(teams)}::uuid[])`);
  if (query.team) services.push(`s.team_id = ${bind(query.team)}::uuid`);
  where.push(...services);
  if (query.service) where.push(`f.service_id = ${bind(query.service)}::uuid`);
  if (query.stage) where.push(`f.first_detected_stage = ${bind(query.stage)}::detection_stage`);
  if (query.severity) where.push(`f.severity = ${bind(query.severity)}::severity`);
  if (query.class) where.push(`f.finding_class = ${bind(query.class)}::finding_class`);
  if (query.category) where.push(`f.category = ${bind(query.category)}`);
  if (query.status) where.push(`f.status = ${bind(query.status)}::finding_status`);
  if (query.escaped) where.push(`(f.first_detected_stage >= ${bind(query.boundary ?? 'ci')}::detection_stage) = ${query.escaped === 'true'}`);
  if (query.cwe) where.push(`${bind(query.cwe)}::integer = ANY (f.cwe_ids)`);
  if (query.q) {
    const like = bind(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(f.title ILIKE ${like} OR f.rule_id ILIKE ${like} OR f.path ILIKE ${like} OR f.fingerprint ILIKE ${like})`);
  }
  // The charts date a finding by its cohort; a drill-down from a chart point must count the same rows.
  const dated = query.dateBy === 'cohort' ? 'coalesce(f.introduced_at, f.first_detected_at)' : 'f.first_detected_at';
  if (query.from) where.push(`${dated} >= ${bind(query.from)}::timestamptz`);
  if (query.to) where.push(`${dated} < ${bind(query.to)}::timestamptz`);
  if (query.counted === 'true') where.push(countedFinding('f'));
  // A gap and a component are read from the stored facts and components, which keep a copy of their
  // finding's first detection with an index in the list's order (their page indexes): the newest findings of
  // a gap or a component are read there, not found by walking every finding newest first.
  if (query.gap) {
    joins.push(`JOIN finding_gap_facts gf ON gf.finding_id = f.id AND gf.gap = ${bind(query.gap)}`);
    // Unmodelled findings are left out of that index (most of a fresh upload, and every finding until it is
    // linked): they are found walking the findings newest first, where they usually come first.
    if (query.gap !== 'unmodelled') detected = { at: 'gf.first_detected_at', id: 'gf.finding_id' };
  }
  if (query.threatModel && query.component) {
    joins.push(`JOIN finding_components fc ON fc.finding_id = f.id AND fc.threat_model_id = ${bind(query.threatModel)}::uuid AND fc.component_key = ${bind(query.component)}`);
    // A component holds fewer findings than a gap: its index is the shorter walk.
    detected = { at: 'fc.first_detected_at', id: 'fc.finding_id' };
  }
  return { joins, where, services: services.length ? services.join(' AND ') : null, detected };
}

/** A finding's columns as the list answers them (FindingRow), for any reader of findings. */
export const FINDING_COLUMNS = `f.id, f.service_id, s.name AS service_name, s.team_id, f.fingerprint, f.title, f.severity, f.cwe_ids, f.rule_id,
         f.tool, f.source_kind, f.repo, f.path, f.line, f.introduced_at, f.introduced_commit, f.first_detected_at, f.first_detected_stage,
         f.status, f.finding_class, f.class_rule, f.class_reason, f.category, f.layer::text AS layer,
         (SELECT g.gap FROM finding_gap_facts g WHERE g.finding_id = f.id) AS gap`;

/** A page's order: the sort's expression, then the id; their text for the cursor, and its type. */
export interface FindingSortKey {
  expr: string;
  id: string;
  type: string;
  text: string;
}

/** The order of a list or export sorted by `sort` (by first detection when none is named) under this filter. */
export function findingSort(sort: ListFindingsQuery['sort'], filter: FindingFilterSql): FindingSortKey {
  if (!sort || sort === 'detected') {
    const { at, id } = filter.detected;
    return { expr: at, id, type: SORTS.detected.type, text: `to_json(${at}) #>> '{}'` };
  }
  return { ...SORTS[sort], id: 'f.id' };
}

/** The list's columns from `findings f JOIN services s` and the filter's joins, or from another source of `f` and `s`. */
function selectFinding(cursorText: string, joins: string[] = [], from = 'findings f JOIN services s ON s.id = f.service_id'): string {
  return `
  SELECT ${FINDING_COLUMNS},
         ${cursorText} AS cursor_value
    FROM ${from}
    ${joins.join('\n    ')}`;
}
