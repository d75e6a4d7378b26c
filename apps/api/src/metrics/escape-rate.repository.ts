import { Injectable } from '@nestjs/common';
import { DETECTION_STAGES, type DetectionStage, type EscapeCountRow, type EscapeRateGrouping } from '@escapement/domain';
import { ReadDatabase } from '../database/read-database.repository';
import type { TeamScope } from '../auth/principal';
import type { EscapeRateQuery } from './escape-rate.dto';
import { countedFinding } from '../common/counted-finding';
import { escapeTotals, periodBySpans, type StageCounts } from './cohort-spans';

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
 * Where each grouping reads the dimension rollups (migration 1765700000000), and its key there, equal to
 * GROUP_KEY for the same finding. Both tables keep class and severity per service, so the category table
 * also answers class, team and service with a severity filter, which the daily rollups cannot.
 */
const DIMENSION_ROLLUP: Record<EscapeRateGrouping, { table: string; key: string }> = {
  category: { table: 'finding_category_rollups', key: `r.category` },
  layer: { table: 'finding_category_rollups', key: `r.layer` },
  severity: { table: 'finding_category_rollups', key: `r.severity::text` },
  class: { table: 'finding_category_rollups', key: `r.finding_class::text` },
  team: { table: 'finding_category_rollups', key: `coalesce(t.name, '(no team)')` },
  service: { table: 'finding_category_rollups', key: `s.name` },
  source: { table: 'finding_source_rollups', key: `r.source_kind::text` },
  tool: { table: 'finding_source_rollups', key: `r.tool` },
};

const COHORT = `coalesce(f.introduced_at, f.first_detected_at)`;

/**
 * SQL pieces the readers of the dimension rollups share (escape rates here, containment beside): a count
 * column per stage of first detection, summed from rollup rows (`alias` `r.`) or from a union's rows
 * (`alias` ''), or counted over findings (alias f), and the cohort days of a period's edges.
 */
export const stageSums = (alias: 'r.' | '') => DETECTION_STAGES.map((stage) => `sum(${alias}${stage}) AS ${stage}`).join(', ');
export const STAGE_COUNTS_OF_FINDINGS = DETECTION_STAGES.map((stage) => `count(*) FILTER (WHERE f.first_detected_stage = '${stage}') AS ${stage}`).join(', ');
export const cohortInEdges = (edges: readonly { from: string; to: string }[], bind: (value: unknown) => string) =>
  `(${edges.map((edge) => `(${COHORT} >= ${bind(edge.from)}::date::timestamptz AND ${COHORT} < ${bind(edge.to)}::date::timestamptz)`).join(' OR ')})`;

/**
 * Escape counts per group and period. A finding is one row (duplicates were merged on ingest), dated by
 * its cohort — `introduced_at`, else its first detection — and escaped when the stage of its first detection in time
 * is at or after the boundary. Suppressed and false-positive findings are not counted. Every grouping reads
 * summary rows that triggers keep equal to the findings table, so the cost does not grow with the findings:
 * class, team and service the daily rollups, the others (and any grouping with a severity filter) the
 * dimension rollups by cohort span, with the days of a period bound inside a span read from the findings.
 */
@Injectable()
export class EscapeRateRepository {
  /** Dashboard reads: served by the read replica when one is configured. */
  constructor(private readonly reads: ReadDatabase) {}

  /** `teams`: count only those teams' services; null for the whole organisation. */
  async countEscapes(query: EscapeRateQuery, teams: TeamScope): Promise<EscapeCountRow[]> {
    const rollupKey = ROLLUP_KEY[query.groupBy];
    if (!rollupKey || query.severity) return this.fromDimensionRollups(query, teams);
    const rows = await this.fromRollups(query, teams, rollupKey);
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

  /**
   * One statement, so one snapshot: the whole spans of the period from the dimension rollups, and the days
   * at its ends that no whole span holds from the findings, summed per group and period.
   */
  private async fromDimensionRollups(query: EscapeRateQuery, teams: TeamScope): Promise<EscapeCountRow[]> {
    const { params, bind } = binder([query.bucket]);
    const { table, key } = DIMENSION_ROLLUP[query.groupBy];
    const { spans, edges } = periodBySpans(query);
    const scope = (alias: 'r' | 'f') => {
      const where: string[] = [];
      if (teams) where.push(`s.team_id = ANY (${bind(teams)}::uuid[])`);
      if (query.team) where.push(`s.team_id = ${bind(query.team)}::uuid`);
      if (query.service) where.push(`${alias}.service_id = ${bind(query.service)}::uuid`);
      if (query.class) where.push(`${alias}.finding_class = ${bind(query.class)}::finding_class`);
      if (query.severity) where.push(`${alias}.severity = ${bind(query.severity)}::severity`);
      return where;
    };
    const parts: string[] = [];
    // Services and teams are joined only when the group or a filter needs them: most reads need neither.
    const byTeam = teams !== null || query.team !== undefined || query.groupBy === 'team' || query.groupBy === 'service';
    if (spans) {
      const where = scope('r');
      if (spans.from) where.push(`r.cohort_span >= ${bind(spans.from)}::date`);
      if (spans.to) where.push(`r.cohort_span < ${bind(spans.to)}::date`);
      // Summed per span first: the period is then worked out once per span instead of once per row.
      parts.push(
        `SELECT key, to_char(date_trunc($1, span::timestamp), 'YYYY-MM-DD') AS period, ${STAGE_COLUMNS}
           FROM (SELECT ${key} AS key, r.cohort_span AS span, ${stageSums('r.')}
                   FROM ${table} r
                   ${byTeam ? `JOIN services s ON s.id = r.service_id LEFT JOIN teams t ON t.id = s.team_id` : ''}
                  ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                  GROUP BY 1, 2) spans`,
      );
    }
    if (edges.length) {
      const where = [countedFinding('f'), cohortInEdges(edges, bind), ...scope('f')];
      parts.push(
        `SELECT ${GROUP_KEY[query.groupBy]} AS key,
                to_char(date_trunc($1, ${COHORT} AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period,
                ${STAGE_COUNTS_OF_FINDINGS}
           FROM findings f
           JOIN services s ON s.id = f.service_id
           LEFT JOIN teams t ON t.id = s.team_id
          WHERE ${where.join(' AND ')}
          GROUP BY 1, 2`,
      );
    }
    if (!parts.length) return [];
    const rows: ({ key: string; period: string } & Record<DetectionStage, string>)[] = await this.reads.query(
      `SELECT key, period, ${stageSums('')}
         FROM (${parts.join(' UNION ALL ')}) counts
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      params,
    );
    return rows.map((row) => ({
      key: row.key,
      period: row.period,
      ...escapeTotals(Object.fromEntries(DETECTION_STAGES.map((stage) => [stage, Number(row[stage])])) as StageCounts, query.boundary),
    }));
  }
}

const STAGE_COLUMNS = DETECTION_STAGES.join(', ');

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
