import { Injectable } from '@nestjs/common';
import QueryStream from 'pg-query-stream';
import type { PoolClient } from 'pg';
import type { TeamScope } from '../auth/principal';
import { ReadDatabase } from '../database/read-database.repository';
import type { FindingRow, ListFindingsQuery } from '../findings/finding.dto';
import { bindTo, FINDING_COLUMNS, findingFilter, findingSort, type FindingFilter } from '../findings/finding-query.repository';

export type FindingExportRow = FindingRow & { team_name: string | null };

/** How an export orders its rows: as the list does, or by tool and repository (a SARIF run per tool). */
export type ExportOrder = { sort?: ListFindingsQuery['sort']; order?: ListFindingsQuery['order'] } | 'by-tool';

/** Rows fetched from the server per round trip: enough to keep the pipe full, few enough to stay small. */
const BATCH_ROWS = 500;

/**
 * Reads every finding a filter matches through a server-side cursor (pg-query-stream), so an export of
 * millions of findings holds one batch in memory at a time. The filter is the findings list's own; like the
 * list, it reads from the read replica when one is configured and serving.
 */
@Injectable()
export class FindingExportRepository {
  constructor(private readonly reads: ReadDatabase) {}

  async *rows(filter: FindingFilter, order: ExportOrder, teams: TeamScope): AsyncGenerator<FindingExportRow> {
    const params: unknown[] = [];
    const where = findingFilter(filter, teams, bindTo(params));
    const orderBy =
      order === 'by-tool'
        ? 'f.tool NULLS LAST, f.repo NULLS LAST, f.first_detected_at, f.id'
        : `${findingSort(order.sort)} ${order.order === 'asc' ? 'ASC' : 'DESC'}, f.id ${order.order === 'asc' ? 'ASC' : 'DESC'}`;
    const sql = `SELECT ${FINDING_COLUMNS}, t.name AS team_name
        FROM findings f
        JOIN services s ON s.id = f.service_id
        LEFT JOIN teams t ON t.id = s.team_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${orderBy}`;
    const runner = this.reads.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      const stream = client.query(new QueryStream(sql, params, { batchSize: BATCH_ROWS, highWaterMark: BATCH_ROWS }));
      try {
        for await (const row of stream) yield row as FindingExportRow;
      } finally {
        stream.destroy();
      }
    } finally {
      await runner.release();
    }
  }
}
