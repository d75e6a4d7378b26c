import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ChangeContextMetricDto, ChangeDetailDto, ChangeDto, ChangeRecordedDto, ChangesBulkResultDto, FindingChangeDto, Page } from '@escapement/domain';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import type { Principal } from '../auth/principal';
import { RateLimit } from '../auth/rate-limit';
import { Caller } from '../auth/request-principal';
import { FindingIdParam } from '../findings/finding.dto';
import {
  ChangeContextMetricResponse,
  ChangeContextQuery,
  ChangeDetailResponse,
  ChangeIdParam,
  ChangePageResponse,
  ChangeRecordedResponse,
  ChangesBulkResultResponse,
  FindingChangeAnswer,
  FindingChangeLinkRequest,
  ListChangesQuery,
} from './change.dto';
import { ChangesService } from './changes.service';

/** Changes (PRs/MRs) with the context they carried, and the escape rates of changes with and without it. */
@ApiTags('changes')
@Controller('v1')
export class ChangesController {
  constructor(private readonly changes: ChangesService) {}

  /** Idempotent by service + ref: a re-send updates, never duplicates. */
  @ApiOperation({ summary: 'Record a change and its context flags' })
  @ApiOkResponse({ type: ChangeRecordedResponse })
  @Post('changes')
  @HttpCode(200)
  @Access(ACCESS.recordChanges)
  @RateLimit('ingest')
  record(@Body() body: unknown, @Caller() caller: Principal): Promise<ChangeRecordedDto> {
    return this.changes.record(body, caller);
  }

  /** Back-fill from a ticket-system export: a JSON array (or `{ "changes": [...] }`), or CSV (`text/csv`), all or nothing. */
  @ApiOperation({ summary: 'Record many changes (CSV)' })
  @ApiOkResponse({ type: ChangesBulkResultResponse })
  @Post('changes/bulk')
  @HttpCode(200)
  @Access(ACCESS.recordChanges)
  @RateLimit('ingest')
  recordMany(@Body() body: unknown, @Caller() caller: Principal): Promise<ChangesBulkResultDto> {
    return this.changes.recordMany(body, caller);
  }

  @ApiOperation({ summary: 'List changes' })
  @ApiOkResponse({ type: ChangePageResponse })
  @Get('changes')
  @Access(ACCESS.read)
  list(@Query() query: ListChangesQuery, @Caller() caller: Principal): Promise<Page<ChangeDto>> {
    return this.changes.list(query, caller.teams);
  }

  @ApiOperation({ summary: 'A change with its flags and the findings it introduced' })
  @ApiOkResponse({ type: ChangeDetailResponse })
  @Get('changes/:id')
  @Access(ACCESS.read)
  detail(@Param() { id }: ChangeIdParam, @Caller() caller: Principal): Promise<ChangeDetailDto> {
    return this.changes.detail(id, caller.teams);
  }

  /** The change a finding came from, with its context flags (`change: null` when unknown). */
  @ApiOperation({ summary: 'The change a finding came from' })
  @ApiOkResponse({ type: FindingChangeAnswer })
  @Get('findings/:id/change')
  @Access(ACCESS.read)
  async ofFinding(@Param() { id }: FindingIdParam, @Caller() caller: Principal): Promise<{ change: FindingChangeDto | null }> {
    return { change: await this.changes.ofFinding(id, caller.teams) };
  }

  /** Ties a finding to its change by hand; `changeId: null` removes that. */
  @ApiOperation({ summary: 'Set the change a finding came from, by hand' })
  @ApiOkResponse({ type: FindingChangeAnswer })
  @Put('findings/:id/change')
  @Access(ACCESS.triage)
  async link(@Param() { id }: FindingIdParam, @Body() body: FindingChangeLinkRequest, @Caller() caller: Principal): Promise<{ change: FindingChangeDto | null }> {
    return { change: await this.changes.link(id, body.changeId, caller) };
  }

  /** Escape rates of changes with and without each context flag, per class, stratified by team and quarter; and coverage over time. */
  @ApiOperation({ summary: 'Escape rates of changes with and without context' })
  @ApiOkResponse({ type: ChangeContextMetricResponse })
  @Get('metrics/change-context')
  @Access(ACCESS.read)
  metric(@Query() query: ChangeContextQuery, @Caller() caller: Principal): Promise<ChangeContextMetricDto> {
    return this.changes.metric(query, caller.teams);
  }
}
