import { Injectable } from '@nestjs/common';
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
 * Reads every finding a filter matches through a server-side cursor, so an export of millions of findings
 * holds one batch in memory at a time. The filter is the findings list's own; like the list, it reads from the
 * read replica when one is configured and serving.
 *
 * A declared cursor, not a protocol portal: PostgreSQL plans a portal for all of its rows, which at a million
 * findings is a sort of every one of them before the first byte (7 s for a SARIF log ordered by tool); a
 * cursor planned for its first rows walks an index in the export's order and starts at once.
 */
@Injectable()
export class FindingExportRepository {
  constructor(private readonly reads: ReadDatabase) {}

  async *rows(filter: FindingFilter, order: ExportOrder, teams: TeamScope): AsyncGenerator<FindingExportRow> {
    const params: unknown[] = [];
    const filtered = findingFilter(filter, teams, bindTo(params));
    const direction = order !== 'by-tool' && order.order === 'asc' ? 'ASC' : 'DESC';
    const key = order === 'by-tool' ? null : findingSort(order.sort, filtered);
    const orderBy = key ? `${key.expr} ${direction}, ${key.id} ${direction}` : 'f.tool NULLS LAST, f.repo NULLS LAST, f.first_detected_at, f.id';
    const sql = `SELECT ${FINDING_COLUMNS}, t.name AS team_name
        FROM findings f
        JOIN services s ON s.id = f.service_id
        LEFT JOIN teams t ON t.id = s.team_id
        ${filtered.joins.join('\n        ')}
       ${filtered.where.length ? `WHERE ${filtered.where.join(' AND ')}` : ''}
       ORDER BY ${orderBy}`;
    const runner = this.reads.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // Planned for its first rows; and no JIT compilation, which a plan over every finding would start with.
      await runner.query(`SET LOCAL cursor_tuple_fraction = 0.001`);
      await runner.query(`SET LOCAL jit = off`);
      await runner.query(`DECLARE finding_export NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const batch: FindingExportRow[] = await runner.query(`FETCH ${BATCH_ROWS} FROM finding_export`);
        for (const row of batch) yield row;
        if (batch.length < BATCH_ROWS) break;
      }
      await runner.commitTransaction();
    } finally {
      // An export abandoned midway (the receiver went away) ends here too: its cursor goes with the transaction.
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}
