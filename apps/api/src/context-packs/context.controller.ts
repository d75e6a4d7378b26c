import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ContextFormat, Served } from '@escapement/domain';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import type { Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import {
  AcceptanceCriteriaResponse,
  askOf,
  CHANNEL_HEADER,
  ContextModelSummaryResponse,
  ContextPackResponse,
  ContextQuery,
  ContextReviewRequest,
  ContextReviewResponse,
  ContextServingResponse,
  ContextUsageResponse,
  ModelParam,
  ModelQuery,
  ReviewChecklistRequest,
  ReviewChecklistResponse,
  ServiceQuery,
  Origin,
  type ServingOrigin,
  ServingsQuery,
} from './context.dto';
import { ContextService } from './context.service';

const channelHeader = ApiHeader({ name: CHANNEL_HEADER, required: false, enum: ['http', 'cli', 'mcp'], description: 'Where the request comes from (recorded); default http' });

/** Markdown goes out as text, JSON as the shape it was measured as. */
function send<T>(response: Response, format: ContextFormat, served: Served<T>): T | string {
  if (format === 'json') return served.value;
  response.type('text/markdown; charset=utf-8');
  return served.text;
}

/** Threat-model context for prompts, tickets and reviews; every answer is recorded as a serving. */
@ApiTags('context')
@Controller('v1')
@Access(ACCESS.readContext)
export class ContextController {
  constructor(private readonly context: ContextService) {}

  /** The slice of the service's threat model that the paths (or components) fall under, within a size budget. */
  @ApiOperation({ summary: 'A context pack for a service and paths' })
  @Get('context-packs')
  @channelHeader
  @ApiProduces('text/markdown', 'application/json')
  @ApiOkResponse({ type: ContextPackResponse, description: 'JSON with format=json; Markdown otherwise' })
  async pack(@Query() query: ContextQuery, @Caller() caller: Principal, @Origin() origin: ServingOrigin, @Res({ passthrough: true }) response: Response) {
    return send(response, query.format, await this.context.pack(askOf(query), { caller, ...origin }));
  }

  /** Security acceptance criteria for a ticket touching the paths or components, each traced to its threat and CWE ids. */
  @ApiOperation({ summary: 'Security acceptance criteria for a service and paths' })
  @Get('acceptance-criteria')
  @channelHeader
  @ApiProduces('text/markdown', 'application/json')
  @ApiOkResponse({ type: AcceptanceCriteriaResponse, description: 'JSON with format=json; Markdown otherwise' })
  async criteria(@Query() query: ContextQuery, @Caller() caller: Principal, @Origin() origin: ServingOrigin, @Res({ passthrough: true }) response: Response) {
    return send(response, query.format, await this.context.criteria(askOf(query), { caller, ...origin }));
  }

  /** A reviewer's checklist for the changed files of a diff (or a list of changed paths). */
  @ApiOperation({ summary: 'A review checklist for the files a diff changes' })
  @Post('review-checklists')
  @HttpCode(200)
  @channelHeader
  @ApiProduces('text/markdown', 'application/json')
  @ApiOkResponse({ type: ReviewChecklistResponse, description: 'JSON with format=json; Markdown otherwise' })
  async checklist(@Body() body: ReviewChecklistRequest, @Caller() caller: Principal, @Origin() origin: ServingOrigin, @Res({ passthrough: true }) response: Response) {
    const ask = { ...askOf({ ...body, path: body.paths ?? [], component: [] }), diff: body.diff ?? null };
    return send(response, body.format, await this.context.checklist(ask, { caller, ...origin }));
  }

  /** Records that a change was reviewed against the threat model, and with what outcome. */
  @ApiOperation({ summary: 'Record a review against the threat model' })
  @Post('context-reviews')
  @channelHeader
  @ApiCreatedResponse({ type: ContextReviewResponse })
  review(@Body() body: ContextReviewRequest, @Caller() caller: Principal, @Origin() origin: ServingOrigin): Promise<ContextReviewResponse> {
    return this.context.recordReview({ service: body.service ?? null, repo: body.repo ?? null, change: body.change, outcome: body.outcome, paths: body.paths ?? [], components: body.components ?? [] }, { caller, ...origin });
  }

  /** Per component of the service's model: how often its context was fetched, against how often it escaped. */
  @ApiOperation({ summary: 'How often context was served, per component' })
  @Get('context-usage')
  @Access(ACCESS.read)
  @ApiOkResponse({ type: ContextUsageResponse })
  usage(@Query() query: ServiceQuery, @Caller() caller: Principal): Promise<ContextUsageResponse> {
    return this.context.usage(query.service, query.boundary, caller.teams);
  }

  /** Recorded servings of a service, newest first; with `change`, those that name the change. */
  @ApiOperation({ summary: 'List context servings' })
  @Get('context-servings')
  @Access(ACCESS.read)
  @ApiOkResponse({ type: [ContextServingResponse] })
  servings(@Query() query: ServingsQuery, @Caller() caller: Principal): Promise<ContextServingResponse[]> {
    return this.context.servings(query.service, query.change ?? null, query.limit, caller.teams);
  }

  /** The threat models the caller may read (the MCP resources). */
  @ApiOperation({ summary: 'List the threat models you may read as context' })
  @Get('context-models')
  @ApiOkResponse({ type: [ContextModelSummaryResponse] })
  models(@Caller() caller: Principal): Promise<ContextModelSummaryResponse[]> {
    return this.context.models(caller.teams);
  }

  /** A whole threat model as context (every component), recorded as a model read. */
  @ApiOperation({ summary: 'A service\'s whole threat model as context' })
  @Get('context-models/:service')
  @channelHeader
  @ApiProduces('text/markdown', 'application/json')
  @ApiOkResponse({ type: ContextPackResponse })
  async model(@Param() { service }: ModelParam, @Query() query: ModelQuery, @Caller() caller: Principal, @Origin() origin: ServingOrigin, @Res({ passthrough: true }) response: Response) {
    return send(response, query.format, await this.context.model(service, query.format, { caller, ...origin }));
  }
}
