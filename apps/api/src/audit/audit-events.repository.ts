import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AuditEventRow {
  id: string;
  at: Date;
  actor: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  details: Record<string, unknown>;
}

/**
 * Reads the audit log newest first, by id (which only grows), so pages never skip or repeat. The sort
 * names the table's column: a bare `id` would sort by the text the query returns ("99" after "297").
 */
@Injectable()
export class AuditEventsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(filter: { limit: number; beforeId: string | null; action: string | null }): Promise<AuditEventRow[]> {
    const prefix = filter.action?.endsWith('*') ? `${filter.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    return this.dataSource.query(
      `SELECT e.id::text AS id, e.at, e.actor, e.action, e.subject_type, e.subject_id, e.details
         FROM audit_events e
        WHERE ($2::bigint IS NULL OR e.id < $2::bigint)
          AND ($3::text IS NULL OR e.action = $3)
          AND ($4::text IS NULL OR e.action LIKE $4)
        ORDER BY e.id DESC
        LIMIT $1`,
      [filter.limit, filter.beforeId, prefix ? null : filter.action, prefix],
    );
  }
}
