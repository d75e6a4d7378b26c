import { Injectable } from '@nestjs/common';
import { DETECTION_STAGES, type ContainmentGrouping, type DetectionStage } from '@escapement/domain';
import { ReadDatabase } from '../database/read-database.repository';
import { countedFinding } from '../common/counted-finding';
import { periodBySpans } from './cohort-spans';
import { cohortInEdges, stageSums, STAGE_COUNTS_OF_FINDINGS } from './escape-rate.repository';

export interface StageCountRow {
  key: string;
  stage: string;
  severity: string;
  count: number;
}

export interface ContainmentFilter {
  groupBy: ContainmentGrouping;
  from?: string;
  to?: string;
  team?: string;
  service?: string;
  /** Only these teams' services; null for all. */
  teams?: readonly string[] | null;
}

/** Each grouping's key in the category rollups (migration 1765700000000) and in the findings table. */
const GROUP_KEY: Record<ContainmentGrouping, { rollup: string; finding: string }> = {
  class: { rollup: `r.finding_class::text`, finding: `f.finding_class::text` },
  category: { rollup: `r.category`, finding: `coalesce(f.category, 'other')` },
};

/**
 * Findings per first-detection stage, group and severity: the input of containment and cost. Read in one
 * statement (one snapshot) from the dimension rollups, which triggers keep equal to the findings table, for
 * the whole cohort spans of the period, and from the findings for the days at its ends that no whole span
 * holds (see cohort-spans.ts).
 */
@Injectable()
export class ContainmentRepository {
  /** Dashboard reads: served by the read replica when one is configured. */
  constructor(private readonly reads: ReadDatabase) {}

  async countByStage(filter: ContainmentFilter): Promise<StageCountRow[]> {
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const key = GROUP_KEY[filter.groupBy];
    const { spans, edges } = periodBySpans(filter);
    const scope = (alias: 'r' | 'f') => {
      const where: string[] = [];
      if (filter.teams) where.push(`s.team_id = ANY (${bind(filter.teams)}::uuid[])`);
      if (filter.team) where.push(`s.team_id = ${bind(filter.team)}::uuid`);
      if (filter.service) where.push(`${alias}.service_id = ${bind(filter.service)}::uuid`);
      return where;
    };
    const parts: string[] = [];
    if (spans) {
      const where = scope('r');
      if (spans.from) where.push(`r.cohort_span >= ${bind(spans.from)}::date`);
      if (spans.to) where.push(`r.cohort_span < ${bind(spans.to)}::date`);
      const byTeam = Boolean(filter.teams) || filter.team !== undefined;
      parts.push(
        `SELECT ${key.rollup} AS key, r.severity, ${stageSums('r.')}
           FROM finding_category_rollups r
           ${byTeam ? `JOIN services s ON s.id = r.service_id` : ''}
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          GROUP BY 1, 2`,
      );
    }
    if (edges.length) {
      const where = [countedFinding('f'), cohortInEdges(edges, bind), ...scope('f')];
      parts.push(
        `SELECT ${key.finding} AS key, f.severity, ${STAGE_COUNTS_OF_FINDINGS}
           FROM findings f JOIN services s ON s.id = f.service_id
          WHERE ${where.join(' AND ')}
          GROUP BY 1, 2`,
      );
    }
    if (!parts.length) return [];
    const rows: ({ key: string; severity: string } & Record<DetectionStage, string>)[] = await this.reads.query(
      `SELECT key, severity::text AS severity, ${stageSums('')}
         FROM (${parts.join(' UNION ALL ')}) counts
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      params,
    );
    // One row per key, stage and severity that holds findings, as a count over the findings gives them.
    return rows.flatMap((row) =>
      DETECTION_STAGES.map((stage) => ({ key: row.key, stage, severity: row.severity, count: Number(row[stage]) })).filter((r) => r.count > 0),
    );
  }
}
