import { Injectable } from '@nestjs/common';
import type { ContainmentGrouping } from '@escapement/domain';
import { ReadDatabase } from '../database/read-database.repository';
import { countedFinding } from '../common/counted-finding';

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

/** Findings per first-detection stage, group and severity: the input of containment and cost. */
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
    const where = [countedFinding('f')];
    if (filter.from) where.push(`coalesce(f.introduced_at, f.first_detected_at) >= ${bind(filter.from)}::date::timestamptz`);
    if (filter.to) where.push(`coalesce(f.introduced_at, f.first_detected_at) < ${bind(filter.to)}::date::timestamptz`);
    if (filter.teams) where.push(`s.team_id = ANY (${bind(filter.teams)}::uuid[])`);
    if (filter.team) where.push(`s.team_id = ${bind(filter.team)}::uuid`);
    if (filter.service) where.push(`f.service_id = ${bind(filter.service)}::uuid`);
    const key = filter.groupBy === 'class' ? `f.finding_class::text` : `coalesce(f.category, 'other')`;
    const rows: { key: string; stage: string; severity: string; count: string }[] = await this.reads.query(
      `SELECT ${key} AS key, f.first_detected_stage::text AS stage, f.severity::text AS severity, count(*) AS count
         FROM findings f JOIN services s ON s.id = f.service_id
        WHERE ${where.join(' AND ')}
        GROUP BY 1, 2, 3`,
      params,
    );
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }
}
