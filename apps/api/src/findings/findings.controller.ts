import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import { actorOf, type Principal } from '../auth/principal';
import { RateLimit } from '../auth/rate-limit';
import { Caller } from '../auth/request-principal';
import { FindingDetailQuery, FindingDetailResponse, FindingIdParam, FindingInput, FindingPageResponse, LinkRequest, ListFindingsQuery, UpsertCountsResponse } from './finding.dto';
import { FindingLinksService } from '../links/finding-links.service';
import { FindingsService } from './findings.service';

@ApiTags('findings')
@Controller('v1/findings')
export class FindingsController {
  constructor(
    private readonly service: FindingsService,
    private readonly links: FindingLinksService,
  ) {}

  @ApiOperation({ summary: 'A finding with its detections, links and gap' })
  @Get(':id')
  @Access(ACCESS.read)
  @ApiOkResponse({ type: FindingDetailResponse })
  detail(@Param() { id }: FindingIdParam, @Query() query: FindingDetailQuery, @Caller() caller: Principal): Promise<FindingDetailResponse> {
    return this.service.detail(id, query.boundary, caller.teams);
  }

  /** Links the finding to a component (and threat) by hand; this wins over automatic linking. */
  @ApiOperation({ summary: 'Link a finding to a component or threat by hand' })
  @Post(':id/links')
  @HttpCode(204)
  @Access(ACCESS.triage)
  addLink(@Param() { id }: FindingIdParam, @Body() link: LinkRequest, @Caller() caller: Principal): Promise<void> {
    return this.links.add(id, link, actorOf(caller), caller.teams);
  }

  /** Removes a link by hand; the automatic linking will not bring it back. */
  @ApiOperation({ summary: 'Remove a finding\'s link to a component' })
  @Delete(':id/links')
  @HttpCode(204)
  @Access(ACCESS.triage)
  removeLink(@Param() { id }: FindingIdParam, @Query() link: LinkRequest, @Caller() caller: Principal): Promise<void> {
    return this.links.remove(id, link, actorOf(caller), caller.teams);
  }

  @ApiOperation({ summary: 'List findings' })
  @Get()
  @Access(ACCESS.read)
  @ApiOkResponse({ type: FindingPageResponse })
  list(@Query() query: ListFindingsQuery, @Caller() caller: Principal): Promise<FindingPageResponse> {
    return this.service.list(query, caller.teams);
  }

  /** Idempotent by service + fingerprint: sending the same findings again changes nothing. */
  @ApiOperation({ summary: 'Record findings (JSON)' })
  @Post()
  @HttpCode(200)
  @Access(ACCESS.ingestFindings)
  @RateLimit('ingest')
  @ApiBody({ type: [FindingInput] })
  @ApiOkResponse({ type: UpsertCountsResponse })
  upsert(@Body() body: unknown, @Caller() caller: Principal): Promise<UpsertCountsResponse> {
    return this.service.upsertFromJson(body, caller);
  }
}
