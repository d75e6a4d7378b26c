import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import {
  adoptionVerdictSheets,
  changeContextSheets,
  containmentSheets,
  escapeRateSheets,
  exportFileName,
  type MetricSheet,
} from '@escapement/domain';
import type { Principal } from '../auth/principal';
import { ChangesService } from '../changes/changes.service';
import { AdoptionImpactService } from '../metrics/adoption-impact.service';
import { ContainmentService } from '../metrics/containment.service';
import { MetricsService } from '../metrics/metrics.service';
import { OrganisationRefsRepository } from '../teams/organisation-refs.repository';
import { CONTENT_TYPES, type TableExportFormat } from './export.dto';
import { ExportsService, startDownload } from './exports.service';
import type { AdoptionImpactExportQuery, ChangeContextExportQuery, ContainmentExportQuery, EscapeRateExportQuery, MetricExportName } from './metric-export.dto';
import { writeCsv, writeXlsx } from './table-writers';

/**
 * A dashboard metric as a file: the metric service's own answer (so the file and the page cannot
 * disagree) as JSON, or its table as CSV or XLSX (docs/exports.md names the columns).
 */
@Injectable()
export class MetricExportsService {
  constructor(
    private readonly exports: ExportsService,
    private readonly refs: OrganisationRefsRepository,
    private readonly metrics: MetricsService,
    private readonly impact: AdoptionImpactService,
    private readonly containment: ContainmentService,
    private readonly changes: ChangesService,
  ) {}

  async escapeRate(request: EscapeRateExportQuery, caller: Principal, response: Response): Promise<void> {
    const { format, ...query } = await this.refs.resolve(request, caller.teams);
    const answer = await this.metrics.escapeRate(query, caller.teams);
    await this.send('escape-rate', format, request, query, caller, response, answer, () => escapeRateSheets(answer));
  }

  async adoptionImpact(request: AdoptionImpactExportQuery, caller: Principal, response: Response): Promise<void> {
    const { format, ...query } = await this.refs.resolve(request, caller.teams);
    const answer = await this.impact.impact(query, caller.teams);
    await this.send('adoption-impact', format, request, query, caller, response, answer, () => adoptionVerdictSheets(answer.verdict));
  }

  async containmentTable(request: ContainmentExportQuery, caller: Principal, response: Response): Promise<void> {
    const { format, ...query } = await this.refs.resolve(request, caller.teams);
    const answer = await this.containment.containment(query, caller.teams);
    await this.send('containment', format, request, query, caller, response, answer, () => containmentSheets(answer));
  }

  async changeContext(request: ChangeContextExportQuery, caller: Principal, response: Response): Promise<void> {
    const { format, ...rest } = request;
    const team = await this.refs.teamId(rest.team, caller.teams);
    // The change-context metric names services by name; an id is turned into its name.
    const serviceId = await this.refs.serviceId(rest.service, caller.teams);
    const service = serviceId === undefined ? undefined : ((await this.refs.serviceName(serviceId, caller.teams)) ?? rest.service);
    const query = { ...rest, team, service };
    const answer = await this.changes.metric(query, caller.teams);
    await this.send('change-context', format, request, { team, service: serviceId }, caller, response, answer, () => changeContextSheets(answer));
  }

  private async send(
    name: MetricExportName,
    format: TableExportFormat,
    request: object,
    resolved: { team?: string; service?: string },
    caller: Principal,
    response: Response,
    answer: unknown,
    sheets: () => MetricSheet[],
  ): Promise<void> {
    const scope = await this.exports.scopeName(resolved, caller);
    const head = { fileName: exportFileName(name, scope, new Date(), format), contentType: CONTENT_TYPES[format] };
    await this.exports.recordExport(caller, name, format, { ...request }, head.fileName);
    startDownload(response, head);
    if (format === 'json') {
      response.end(`${JSON.stringify(answer, null, 2)}\n`);
      return;
    }
    const tables = sheets();
    if (format === 'csv') await writeCsv(tables[0].table, tables[0].rows, response);
    else await writeXlsx(tables, response);
  }
}
