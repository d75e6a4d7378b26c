import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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

  @Get(':id')
  @ApiOkResponse({ type: FindingDetailResponse })
  detail(@Param() { id }: FindingIdParam, @Query() query: FindingDetailQuery): Promise<FindingDetailResponse> {
    return this.service.detail(id, query.boundary);
  }

  /** Links the finding to a component (and threat) by hand; this wins over automatic linking. */
  @Post(':id/links')
  @HttpCode(204)
  addLink(@Param() { id }: FindingIdParam, @Body() link: LinkRequest): Promise<void> {
    return this.links.add(id, link, null);
  }

  /** Removes a link by hand; the automatic linking will not bring it back. */
  @Delete(':id/links')
  @HttpCode(204)
  removeLink(@Param() { id }: FindingIdParam, @Query() link: LinkRequest): Promise<void> {
    return this.links.remove(id, link, null);
  }

  @Get()
  @ApiOkResponse({ type: FindingPageResponse })
  list(@Query() query: ListFindingsQuery): Promise<FindingPageResponse> {
    return this.service.list(query);
  }

  /** Idempotent by service + fingerprint: sending the same findings again changes nothing. */
  @Post()
  @HttpCode(200)
  @ApiBody({ type: [FindingInput] })
  @ApiOkResponse({ type: UpsertCountsResponse })
  upsert(@Body() body: unknown): Promise<UpsertCountsResponse> {
    return this.service.upsertFromJson(body, null);
  }
}
