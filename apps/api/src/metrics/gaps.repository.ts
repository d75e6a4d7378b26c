import { Injectable } from '@nestjs/common';
import { DETECTION_STAGES, type GapGrouping } from '@escapement/domain';
import { ReadDatabase } from '../database/read-database.repository';
import type { TeamScope } from '../auth/principal';
import type { GapsQuery } from './gaps.dto';

export interface GapCountRow {
  key: string;
  period: string;
  gap: 'context_gap' | 'model_gap' | 'unmodelled';
  n: number;
}

/**
 * For each grouping: the rollup it reads, the rollup's columns it keeps (besides the service), and the key
 * over those (alias r), the service (s) and its team (t). From this fixed table only.
 */
const GROUP: Record<GapGrouping, { rollup: string; columns: string[]; key: string; join: string }> = {
  total: { rollup: 'gap_rollups', columns: [], key: `'all'`, join: '' },
  team: { rollup: 'gap_rollups', columns: [], key: `coalesce(t.name, '(no team)')`, join: '' },
  service: { rollup: 'gap_rollups', columns: [], key: `s.name`, join: '' },
  layer: { rollup: 'gap_layer_rollups', columns: ['layer'], key: `coalesce(nullif(r.layer, ''), '(no layer)')`, join: '' },
  // A finding in two components counts in both.
  component: {
    rollup: 'gap_component_rollups',
    columns: ['threat_model_id', 'component_key'],
    key: `ms.name || ' / ' || r.component_key`,
    join: `JOIN threat_models m ON m.id = r.threat_model_id JOIN services ms ON ms.id = m.service_id`,
  },
};

/** Unmodelled is exactly "in no component": in the component grouping those findings are one series of their own. */
const UNMODELLED = { rollup: 'gap_rollups', columns: [], key: `'(unmodelled)'`, join: '' };

/**
 * Escaped findings per group, period and gap type (context gap, model gap, unmodelled), from the daily gap
 * rollups that triggers keep equal to `finding_gaps` over the counted findings (StoredFindingGaps1765710000000),
 * so the chart's cost does not grow with the findings. A finding is dated by its cohort day, like the escape
 * rates, and escaped when first detected at or after the boundary: element k of a rollup's arrays counts the
 * findings first detected at or after the k-th stage.
 */
@Injectable()
export class GapsRepository {
  /** Dashboard reads: served by the read replica when one is configured. */
  constructor(private readonly reads: ReadDatabase) {}

  /** `teams`: count only those teams' services; null for the whole organisation. */
  async countGaps(query: GapsQuery, teams: TeamScope): Promise<GapCountRow[]> {
    const params: unknown[] = [query.bucket, DETECTION_STAGES.indexOf(query.boundary) + 1];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const days: string[] = [];
    if (query.from) days.push(`r.cohort_day >= ${bind(query.from)}::date`);
    if (query.to) days.push(`r.cohort_day < ${bind(query.to)}::date`);
    if (query.service) days.push(`r.service_id = ${bind(query.service)}::uuid`);
    const services: string[] = [];
    if (teams) services.push(`s.team_id = ANY (${bind(teams)}::uuid[])`);
    if (query.team) services.push(`s.team_id = ${bind(query.team)}::uuid`);
    // Summed per service and period over the narrow rollup first, then named: the names join a few hundred rows.
    const select = (group: { rollup: string; columns: string[]; key: string; join: string }, gaps = ['context_gap', 'model_gap', 'unmodelled']) => {
      const kept = ['service_id', ...group.columns].map((c) => `r.${c}`);
      return `SELECT ${group.key} AS key, to_char(r.period, 'YYYY-MM-DD') AS period,
                     ${['context_gap', 'model_gap', 'unmodelled'].map((gap) => (gaps.includes(gap) ? `sum(r.${gap})` : '0') + ` AS ${gap}`).join(', ')}
                FROM (SELECT ${kept.join(', ')}, date_trunc($1, r.cohort_day::timestamp) AS period,
                             ${gaps.map((gap) => `sum(r.${gap}[$2::int]) AS ${gap}`).join(', ')}
                        FROM ${group.rollup} r
                       ${days.length ? `WHERE ${days.join(' AND ')}` : ''}
                       GROUP BY ${kept.map((_, i) => i + 1).join(', ')}, ${kept.length + 1}) r
                JOIN services s ON s.id = r.service_id
                LEFT JOIN teams t ON t.id = s.team_id
                ${group.join}
               ${services.length ? `WHERE ${services.join(' AND ')}` : ''}
               GROUP BY 1, 2`;
    };
    const rows: { key: string; period: string; context_gap: string; model_gap: string; unmodelled: string }[] = await this.reads.query(
      `${select(GROUP[query.groupBy])}
       ${query.groupBy === 'component' ? `UNION ALL ${select(UNMODELLED, ['unmodelled'])}` : ''}
       ORDER BY 1, 2`,
      params,
    );
    // Only what escaped: a period or group whose findings were all caught before the boundary is not in the chart.
    return rows.flatMap((r) =>
      (['context_gap', 'model_gap', 'unmodelled'] as const).map((gap) => ({ key: r.key, period: r.period, gap, n: Number(r[gap]) })).filter((row) => row.n > 0),
    );
  }
}
