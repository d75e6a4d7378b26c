import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FindingRow, ListFindingsQuery } from './finding.dto';

export interface FindingCursor {
  at: string;
  id: string;
}

/** Reads findings newest first, with keyset pagination so deep pages cost what the first one does. */
@Injectable()
export class FindingQueryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findById(id: string): Promise<FindingRow | null> {
    const [row] = await this.dataSource.query(`${SELECT_FINDING} WHERE f.id = $1`, [id]);
    return row ?? null;
  }

  async list(query: ListFindingsQuery, cursor: FindingCursor | null, limit: number): Promise<(FindingRow & { cursor_at: string })[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.team) where.push(`s.team_id = ${bind(query.team)}::uuid`);
    if (query.service) where.push(`f.service_id = ${bind(query.service)}::uuid`);
    if (query.stage) where.push(`f.earliest_stage = ${bind(query.stage)}::detection_stage`);
    if (query.severity) where.push(`f.severity = ${bind(query.severity)}::severity`);
    if (query.class) where.push(`f.finding_class = ${bind(query.class)}::finding_class`);
    if (query.from) where.push(`f.first_detected_at >= ${bind(query.from)}::timestamptz`);
    if (query.to) where.push(`f.first_detected_at < ${bind(query.to)}::timestamptz`);
    if (cursor) where.push(`(f.first_detected_at, f.id) < (${bind(cursor.at)}::timestamptz, ${bind(cursor.id)}::uuid)`);
    return this.dataSource.query(
      `${SELECT_FINDING}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY f.first_detected_at DESC, f.id DESC
        LIMIT ${bind(limit)}`,
      params,
    );
  }
}

const SELECT_FINDING = `
  SELECT f.id, f.service_id, s.name AS service_name, s.team_id, f.fingerprint, f.title, f.severity, f.cwe_ids, f.rule_id,
         f.tool, f.source_kind, f.repo, f.path, f.line, f.introduced_at, f.first_detected_at, f.earliest_stage,
         f.status, f.finding_class, f.class_rule, f.class_reason,
         to_json(f.first_detected_at) #>> '{}' AS cursor_at
    FROM findings f
    JOIN services s ON s.id = f.service_id`;
