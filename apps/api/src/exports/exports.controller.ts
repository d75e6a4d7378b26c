import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import type { Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import { ChangeContextMetricResponse } from '../changes/change.dto';
import { FindingResponse } from '../findings/finding.dto';
import { ImpactResponse, PracticeImpactResponseBody } from '../metrics/adoption-impact.dto';
import { ContainmentResponseBody } from '../metrics/containment.dto';
import { EscapeRateResponseBody } from '../metrics/escape-rate.dto';
import { FINDINGS_DOWNLOAD, tableDownload } from './export-responses';
import { ExportFindingsQuery } from './export.dto';
import { ExportsService } from './exports.service';
import { AdoptionImpactExportQuery, ChangeContextExportQuery, ContainmentExportQuery, EscapeRateExportQuery } from './metric-export.dto';
import { MetricExportsService } from './metric-exports.service';

@ApiTags('exports')
@ApiExtraModels(FindingResponse, EscapeRateResponseBody, ImpactResponse, PracticeImpactResponseBody, ContainmentResponseBody, ChangeContextMetricResponse)
@Controller('v1/exports')
export class ExportsController {
  constructor(
    private readonly service: ExportsService,
    private readonly metrics: MetricExportsService,
  ) {}

  /** Every finding the filters match, as CSV, XLSX, JSON or SARIF 2.1.0 (docs/exports.md). */
  @ApiOperation({ summary: 'Export findings (CSV, XLSX, JSON or SARIF)' })
  @Get('findings')
  @Access(ACCESS.export)
  @ApiOkResponse(FINDINGS_DOWNLOAD)
  findings(@Query() query: ExportFindingsQuery, @Caller() caller: Principal, @Res() response: Response): Promise<void> {
    return this.service.findings(query, caller, response);
  }

  /** The escape-rate series (`GET /api/v1/metrics/escape-rate`'s parameters): one row per series and period. */
  @ApiOperation({ summary: 'Export the escape-rate series' })
  @Get('escape-rate')
  @Access(ACCESS.export)
  @ApiOkResponse(tableDownload('The series, one row per series and period', { $ref: getSchemaPath(EscapeRateResponseBody) }))
  escapeRate(@Query() query: EscapeRateExportQuery, @Caller() caller: Principal, @Res() response: Response): Promise<void> {
    return this.metrics.escapeRate(query, caller, response);
  }

  /** The adoption verdict per class (`GET /api/v1/metrics/adoption-impact`'s parameters). */
  @ApiOperation({ summary: 'Export the adoption verdict' })
  @Get('adoption-impact')
  @Access(ACCESS.export)
  @ApiOkResponse(tableDownload('The verdict, one row per class', { oneOf: [{ $ref: getSchemaPath(ImpactResponse) }, { $ref: getSchemaPath(PracticeImpactResponseBody) }] }))
  adoptionImpact(@Query() query: AdoptionImpactExportQuery, @Caller() caller: Principal, @Res() response: Response): Promise<void> {
    return this.metrics.adoptionImpact(query, caller, response);
  }

  /** Where findings are stopped, and the cost of escapes (`GET /api/v1/metrics/containment`'s parameters). */
  @ApiOperation({ summary: 'Export containment and the cost of escapes' })
  @Get('containment')
  @Access(ACCESS.export)
  @ApiOkResponse(tableDownload('Containment by stage, then the cost of escapes', { $ref: getSchemaPath(ContainmentResponseBody) }))
  containment(@Query() query: ContainmentExportQuery, @Caller() caller: Principal, @Res() response: Response): Promise<void> {
    return this.metrics.containmentTable(query, caller, response);
  }

  /** Escape rates with and without context, and coverage (`GET /api/v1/metrics/change-context`'s parameters). */
  @ApiOperation({ summary: 'Export the change-context comparison and coverage' })
  @Get('change-context')
  @Access(ACCESS.export)
  @ApiOkResponse(tableDownload('Escape rates with and without context, and coverage', { $ref: getSchemaPath(ChangeContextMetricResponse) }))
  changeContext(@Query() query: ChangeContextExportQuery, @Caller() caller: Principal, @Res() response: Response): Promise<void> {
    return this.metrics.changeContext(query, caller, response);
  }
}
