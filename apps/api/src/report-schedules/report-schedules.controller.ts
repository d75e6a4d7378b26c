import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import { actorOf, type Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import {
  CreateReportScheduleRequest,
  ReportRunResponse,
  ReportRunsQuery,
  ReportScheduleIdParam,
  ReportScheduleResponse,
  RunReportRequest,
  UpdateReportScheduleRequest,
} from './report-schedule.dto';
import { ReportSchedulesService } from './report-schedules.service';

@ApiTags('report-schedules')
@Controller('v1/report-schedules')
export class ReportSchedulesController {
  constructor(private readonly service: ReportSchedulesService) {}

  @ApiOperation({ summary: 'List report schedules' })
  @Get()
  @Access(ACCESS.administer)
  @ApiOkResponse({ type: [ReportScheduleResponse] })
  list(): Promise<ReportScheduleResponse[]> {
    return this.service.list();
  }

  @ApiOperation({ summary: 'Schedule a monthly or quarterly report to be archived and mailed' })
  @Post()
  @Access(ACCESS.administer)
  @ApiCreatedResponse({ type: ReportScheduleResponse })
  create(@Body() request: CreateReportScheduleRequest, @Caller() caller: Principal): Promise<ReportScheduleResponse> {
    return this.service.create(request, actorOf(caller));
  }

  /** The archive: produced reports, newest first (at most 500). */
  @ApiOperation({ summary: 'List archived report runs' })
  @Get('runs')
  @Access(ACCESS.administer)
  @ApiOkResponse({ type: [ReportRunResponse] })
  runs(@Query() query: ReportRunsQuery): Promise<ReportRunResponse[]> {
    return this.service.runs(query.schedule);
  }

  @ApiOperation({ summary: 'Download an archived report as a PDF' })
  @Get('runs/:id/pdf')
  @Access(ACCESS.administer)
  @ApiOkResponse({ description: 'The report as it was produced', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  async download(@Param() { id }: ReportScheduleIdParam, @Caller() caller: Principal, @Res() response: Response): Promise<void> {
    const { pdf, disposition } = await this.service.download(id, actorOf(caller));
    response.status(200).setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', disposition);
    response.setHeader('Cache-Control', 'no-store');
    response.end(pdf);
  }

  @ApiOperation({ summary: 'Change a report schedule’s cadence or recipients' })
  @Patch(':id')
  @Access(ACCESS.administer)
  @ApiOkResponse({ type: ReportScheduleResponse })
  update(@Param() { id }: ReportScheduleIdParam, @Body() request: UpdateReportScheduleRequest, @Caller() caller: Principal): Promise<ReportScheduleResponse> {
    return this.service.update(id, request, actorOf(caller));
  }

  @ApiOperation({ summary: 'Delete a report schedule (its archived reports stay)' })
  @Delete(':id')
  @HttpCode(204)
  @Access(ACCESS.administer)
  remove(@Param() { id }: ReportScheduleIdParam, @Caller() caller: Principal): Promise<void> {
    return this.service.remove(id, actorOf(caller));
  }

  /** Produces a period's report now (default: the last complete one); a period already produced answers its run. */
  @ApiOperation({ summary: 'Run a report schedule now' })
  @Post(':id/runs')
  @HttpCode(200)
  @Access(ACCESS.administer)
  @ApiOkResponse({ type: ReportRunResponse })
  run(@Param() { id }: ReportScheduleIdParam, @Body() request: RunReportRequest, @Caller() caller: Principal): Promise<ReportRunResponse> {
    return this.service.runNow(id, request.period, actorOf(caller));
  }
}
