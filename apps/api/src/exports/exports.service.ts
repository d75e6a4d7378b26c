import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { contentDisposition, exportFileName, findingExportTable, type ExportedFinding } from '@escapement/domain';
import { AuditLog } from '../audit/audit-log.repository';
import { actorOf, type Principal } from '../auth/principal';
import { mapFinding } from '../findings/finding.dto';
import { OrganisationRefsRepository } from '../teams/organisation-refs.repository';
import { CONTENT_TYPES, type ExportFindingsQuery } from './export.dto';
import { FindingExportRepository, type FindingExportRow } from './finding-export.repository';
import { writeSarif } from './sarif-writer';
import { writeCsv, writeJsonArray, writeXlsx } from './table-writers';

/** What a download is called and holds, decided before a byte is sent (so bad input is still a 4xx). */
export interface ExportHead {
  fileName: string;
  contentType: string;
}

/** Sends the response headers of a download. */
export function startDownload(response: Response, head: ExportHead): void {
  response.status(200);
  response.setHeader('Content-Type', head.contentType);
  response.setHeader('Content-Disposition', contentDisposition(head.fileName));
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
}

/**
 * Findings as files: the findings list's filters and the caller's team limits, streamed from a database
 * cursor to the response in constant memory, and an audit row for every export.
 */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: FindingExportRepository,
    private readonly refs: OrganisationRefsRepository,
    private readonly audit: AuditLog,
  ) {}

  async findings(request: ExportFindingsQuery, caller: Principal, response: Response, now = new Date()): Promise<void> {
    const { format, ...filter } = await this.refs.resolve(request, caller.teams);
    const scope = await this.scopeName(filter, caller);
    const head = { fileName: exportFileName('findings', scope, now, format), contentType: CONTENT_TYPES[format] };
    await this.recordExport(caller, 'findings', format, { ...request }, head.fileName);
    const rows = this.repository.rows(filter, format === 'sarif' ? 'by-tool' : { sort: filter.sort, order: filter.order }, caller.teams);
    const findings = exported(rows);
    startDownload(response, head);
    if (format === 'csv') await writeCsv(findingExportTable(filter.boundary ?? 'ci'), findings, response);
    else if (format === 'xlsx') await writeXlsx([{ table: findingExportTable(filter.boundary ?? 'ci'), rows: findings }], response);
    else if (format === 'json') await writeJsonArray(findings, response, (f) => f);
    else await writeSarif(findings, response);
  }

  /** Audited before the first byte: an export that was started counts, even if the download breaks off. */
  async recordExport(caller: Principal, what: string, format: string, parameters: Record<string, unknown>, fileName: string): Promise<void> {
    await this.audit.record(this.dataSource.manager, {
      actor: actorOf(caller),
      action: `export.${what}`,
      subjectType: 'export',
      subjectId: null,
      details: { format, fileName, parameters, teams: caller.teams },
    });
  }

  /** The team or service the export is limited to, for its file name. */
  async scopeName(filter: { team?: string; service?: string }, caller: Principal): Promise<string | null> {
    if (filter.service) return (await this.refs.serviceName(filter.service, caller.teams)) ?? 'service';
    if (filter.team) return (await this.refs.teamName(filter.team, caller.teams)) ?? 'team';
    return null;
  }
}

async function* exported(rows: AsyncIterable<FindingExportRow>): AsyncGenerator<ExportedFinding> {
  for await (const row of rows) yield { ...mapFinding(row), teamName: row.team_name };
}
