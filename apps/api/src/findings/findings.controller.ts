import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FindingInput, FindingPageResponse, ListFindingsQuery, UpsertCountsResponse } from './finding.dto';
import { FindingsService } from './findings.service';

@ApiTags('findings')
@Controller('v1/findings')
export class FindingsController {
  constructor(private readonly service: FindingsService) {}

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
