import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../database/read-database.repository';
import type { TeamScope } from '../auth/principal';
import type { GapGrouping } from '@escapement/domain';
import type { GapsQuery } from './gaps.dto';
import { countedFinding } from '../common/counted-finding';

export interface GapCountRow {
  key: string;
  period: string;
  gap: 'context_gap' | 'model_gap' | 'unmodelled';
  n: number;
}

/** SQL for each grouping, from this fixed table only. A finding in two components counts in both. */
const GROUP: Record<GapGrouping, { key: string; join: string }> = {
  total: { key: `'all'`, join: '' },
  team: { key: `coalesce(t.name, '(no team)')`, join: '' },
  service: { key: `s.name`, join: '' },
  layer: { key: `coalesce(f.layer::text, '(no layer)')`, join: '' },
  component: {
    key: `coalesce(ms.name || ' / ' || l.component_key, '(unmodelled)')`,
    join: `LEFT JOIN (SELECT DISTINCT finding_id, threat_model_id, component_key FROM effective_finding_links) l ON l.finding_id = f.id
           LEFT JOIN threat_models m ON m.id = l.threat_model_id
           LEFT JOIN services ms ON ms.id = m.service_id`,
  },
};

/** Escaped findings per group, period and gap type (context gap, model gap, unmodelled). */
@Injectable()
export class GapsRepository {
  /** Dashboard reads: served by the read replica when one is configured. */
  constructor(private readonly reads: ReadDatabase) {}

  /** `teams`: count only those teams' services; null for the whole organisation. */
  async countGaps(query: GapsQuery, teams: TeamScope): Promise<GapCountRow[]> {
    const params: unknown[] = [query.bucket, query.boundary];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [countedFinding('f'), `f.first_detected_stage >= $2::detection_stage`];
    if (query.from) where.push(`coalesce(f.introduced_at, f.first_detected_at) >= ${bind(query.from)}::date::timestamptz`);
    if (query.to) where.push(`coalesce(f.introduced_at, f.first_detected_at) < ${bind(query.to)}::date::timestamptz`);
    if (teams) where.push(`s.team_id = ANY (${bind(teams)}::uuid[])`);
    if (query.team) where.push(`s.team_id = ${bind(query.team)}::uuid`);
    if (query.service) where.push(`f.service_id = ${bind(query.service)}::uuid`);
    const group = GROUP[query.groupBy];
    const rows: { key: string; period: string; gap: GapCountRow['gap']; n: string }[] = await this.reads.query(
      `SELECT ${group.key} AS key,
              to_char(date_trunc($1, coalesce(f.introduced_at, f.first_detected_at) AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period,
              g.gap,
              count(*) AS n
         FROM findings f
         JOIN finding_gaps g ON g.finding_id = f.id
         JOIN services s ON s.id = f.service_id
         LEFT JOIN teams t ON t.id = s.team_id
         ${group.join}
        WHERE ${where.join(' AND ')}
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3`,
      params,
    );
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }
}
