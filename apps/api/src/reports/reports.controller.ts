import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TeamReportDto } from '@escapement/domain';
import type { Response } from 'express';
import { contentDisposition, exportFileName } from '@escapement/domain';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import type { Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import { TeamReportQuery } from './report.dto';
import { TeamReportResponse } from './report-response';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly service: ReportsService) {}

  /** The report's figures, as the printable page shows them. */
  @ApiOperation({ summary: 'A team or organisation report: its figures' })
  @Get('team')
  @Access(ACCESS.export)
  @ApiOkResponse({ type: TeamReportResponse })
  team(@Query() query: TeamReportQuery, @Caller() caller: Principal): Promise<TeamReportDto> {
    return this.service.teamReport(query, caller);
  }

  /** The same report as a PDF drawn by the server; without `team`, the organisation's. */
  @ApiOperation({ summary: 'A team or organisation report as a PDF' })
  @Get('team.pdf')
  @Access(ACCESS.export)
  @ApiOkResponse({ description: 'The report as a PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async teamPdf(@Query() query: TeamReportQuery, @Caller() caller: Principal, @Res() response: Response): Promise<void> {
    const { pdf, report } = await this.service.renderTeamPdf(query, caller);
    response.status(200);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', contentDisposition(exportFileName(`report ${report.period.label}`, report.team, new Date(report.generatedAt), 'pdf')));
    response.setHeader('Cache-Control', 'no-store');
    response.end(pdf);
  }
}
