import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import type { Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import { ExportFindingsQuery } from './export.dto';
import { ExportsService } from './exports.service';
import { AdoptionImpactExportQuery, ChangeContextExportQuery, ContainmentExportQuery, EscapeRateExportQuery } from './metric-export.dto';
import { MetricExportsService } from './metric-exports.service';

const TABLES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/json'];

@ApiTags('exports')
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
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/json', 'application/sarif+json')
  findings(@Query() query: ExportFindingsQuery, @Caller() caller: Principal, @Res() response: Response): Promise<void> {
    return this.service.findings(query, caller, response);
  }

  /** The escape-rate series (`GET /api/v1/metrics/escape-rate`'s parameters): one row per series and period. */
  @ApiOperation({ summary: 'Export the escape-rate series' })
  @Get('escape-rate')
  @Access(ACCESS.export)
  @ApiProduces(...TABLES)
  escapeRate(@Query() query: EscapeRateExportQuery, @Caller() caller: Principal, @Res() response: Response): Promise<void> {
    return this.metrics.escapeRate(query, caller, response);
  }

  /** The adoption verdict per class (`GET /api/v1/metrics/adoption-impact`'s parameters). */
  @ApiOperation({ summary: 'Export the adoption verdict' })
  @Get('adoption-impact')
  @Access(ACCESS.export)
  @ApiProduces(...TABLES)
  adoptionImpact(@Query() query: AdoptionImpactExportQuery, @Caller() caller: Principal, @Res() response: Response): Promise<void> {
    return this.metrics.adoptionImpact(query, caller, response);
  }

  /** Where findings are stopped, and the cost of escapes (`GET /api/v1/metrics/containment`'s parameters). */
  @ApiOperation({ summary: 'Export containment and the cost of escapes' })
  @Get('containment')
  @Access(ACCESS.export)
  @ApiProduces(...TABLES)
  containment(@Query() query: ContainmentExportQuery, @Caller() caller: Principal, @Res() response: Response): Promise<void> {
    return this.metrics.containmentTable(query, caller, response);
  }

  /** Escape rates with and without context, and coverage (`GET /api/v1/metrics/change-context`'s parameters). */
  @ApiOperation({ summary: 'Export the change-context comparison and coverage' })
  @Get('change-context')
  @Access(ACCESS.export)
  @ApiProduces(...TABLES)
  changeContext(@Query() query: ChangeContextExportQuery, @Caller() caller: Principal, @Res() response: Response): Promise<void> {
    return this.metrics.changeContext(query, caller, response);
  }
}
