import { Injectable } from '@nestjs/common';
import type { EscapeCountRow, EscapeRateGrouping } from '@escapement/domain';
import { ReadDatabase } from '../database/read-database.repository';
import type { TeamScope } from '../auth/principal';
import type { EscapeRateQuery } from './escape-rate.dto';
import { countedFinding } from '../common/counted-finding';

/** SQL for each grouping over the findings table; chosen from this fixed table, never built from input. */
const GROUP_KEY: Record<EscapeRateGrouping, string> = {
  class: `f.finding_class::text`,
  category: `coalesce(f.category, 'other')`,
  severity: `f.severity::text`,
  layer: `coalesce(f.layer::text, '(no layer)')`,
  team: `coalesce(t.name, '(no team)')`,
  service: `s.name`,
  source: `f.source_kind::text`,
  tool: `coalesce(f.tool, '(no tool)')`,
};

/** Groupings the daily rollups can answer (they keep service, cohort day, class and first-detection stage). */
const ROLLUP_KEY: Partial<Record<EscapeRateGrouping, string>> = {
  class: `r.finding_class::text`,
  team: `coalesce(t.name, '(no team)')`,
  service: `s.name`,
};

/**
 * Escape counts per group and period. A finding is one row (duplicates were merged on ingest), dated by
 * its cohort — `introduced_at`, else its first detection — and escaped when the stage of its first detection in time
 * is at or after the boundary. Suppressed and false-positive findings are not counted. The overview's
 * groupings read the daily rollups that triggers keep equal to the findings table, so their cost does not
 * grow with the findings; the others read the findings themselves.
 */
@Injectable()
export class EscapeRateRepository {
  /** Dashboard reads: served by the read replica when one is configured. */
  constructor(private readonly reads: ReadDatabase) {}

  /** `teams`: count only those teams' services; null for the whole organisation. */
  async countEscapes(query: EscapeRateQuery, teams: TeamScope): Promise<EscapeCountRow[]> {
    const rollupKey = ROLLUP_KEY[query.groupBy];
    const rows = rollupKey && !query.severity ? await this.fromRollups(query, teams, rollupKey) : await this.fromFindings(query, teams);
    return rows.map((row) => ({ key: row.key, period: row.period, total: Number(row.total), escaped: Number(row.escaped) }));
  }

  private fromRollups(query: EscapeRateQuery, teams: TeamScope, key: string): Promise<CountRow[]> {
    const { params, bind } = binder([query.bucket, query.boundary]);
    const where = [`r.counted`];
    if (query.from) where.push(`r.cohort_day >= ${bind(query.from)}::date`);
    if (query.to) where.push(`r.cohort_day < ${bind(query.to)}::date`);
    if (teams) where.push(`s.team_id = ANY (${bind(teams)}::uuid[])`);
    if (query.team) where.push(`s.team_id = ${bind(query.team)}::uuid`);
    if (query.service) where.push(`r.service_id = ${bind(query.service)}::uuid`);
    if (query.class) where.push(`r.finding_class = ${bind(query.class)}::finding_class`);
    return this.reads.query(
      `SELECT ${key} AS key,
              to_char(date_trunc($1, r.cohort_day::timestamp), 'YYYY-MM-DD') AS period,
              sum(r.n) AS total,
              coalesce(sum(r.n) FILTER (WHERE r.first_detected_stage >= $2::detection_stage), 0) AS escaped
         FROM finding_rollups r
         JOIN services s ON s.id = r.service_id
         LEFT JOIN teams t ON t.id = s.team_id
        WHERE ${where.join(' AND ')}
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      params,
    );
  }

  private fromFindings(query: EscapeRateQuery, teams: TeamScope): Promise<CountRow[]> {
    const { params, bind } = binder([query.bucket, query.boundary]);
    const where = [countedFinding('f')];
    if (query.from) where.push(`coalesce(f.introduced_at, f.first_detected_at) >= ${bind(query.from)}::date::timestamptz`);
    if (query.to) where.push(`coalesce(f.introduced_at, f.first_detected_at) < ${bind(query.to)}::date::timestamptz`);
    if (teams) where.push(`s.team_id = ANY (${bind(teams)}::uuid[])`);
    if (query.team) where.push(`s.team_id = ${bind(query.team)}::uuid`);
    if (query.service) where.push(`f.service_id = ${bind(query.service)}::uuid`);
    if (query.class) where.push(`f.finding_class = ${bind(query.class)}::finding_class`);
    if (query.severity) where.push(`f.severity = ${bind(query.severity)}::severity`);
    return this.reads.query(
      `SELECT ${GROUP_KEY[query.groupBy]} AS key,
              to_char(date_trunc($1, coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period,
              count(*) AS total,
              count(*) FILTER (WHERE f.first_detected_stage >= $2::detection_stage) AS escaped
         FROM findings f
         JOIN services s ON s.id = f.service_id
         LEFT JOIN teams t ON t.id = s.team_id
        WHERE ${where.join(' AND ')}
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      params,
    );
  }
}

interface CountRow {
  key: string;
  period: string;
  total: string;
  escaped: string;
}

function binder(initial: unknown[]) {
  const params = [...initial];
  return {
    params,
    bind: (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    },
  };
}
