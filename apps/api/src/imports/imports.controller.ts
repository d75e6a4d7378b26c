import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import type { Principal } from '../auth/principal';
import { RateLimit } from '../auth/rate-limit';
import { Caller } from '../auth/request-principal';
import { ImportIdParam, ImportPageResponse, ImportParameters, ImportResponse, ListImportsQuery } from './import.dto';
import { importViewer } from './import-viewer';
import { ImportsService } from './imports.service';

@ApiTags('imports')
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly service: ImportsService) {}

  /** The body is the file (raw, gzip, or multipart field `file`); parameters come from the query or form. */
  @ApiOperation({ summary: 'Import a scanner report (SARIF, JSON or CSV)' })
  @Post()
  @Access(ACCESS.ingestFindings)
  @RateLimit('ingest')
  @ApiConsumes('application/sarif+json', 'application/json', 'text/csv', 'multipart/form-data', 'application/gzip')
  @ApiBody({ description: 'SARIF 2.1.0, a JSON array of findings, or CSV', schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ type: ImportParameters })
  @ApiCreatedResponse({ type: ImportResponse, description: 'Stored' })
  @ApiAcceptedResponse({ type: ImportResponse, description: 'Large upload: being stored; poll statusUrl' })
  async receive(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Caller() caller: Principal): Promise<ImportResponse> {
    const { status, body } = await this.service.receive(request, request.query as Record<string, unknown>, caller);
    response.status(status);
    if (status === 202) response.setHeader('Location', body.statusUrl);
    return body;
  }

  /** Imports of the caller's teams' services, and the ones the caller sent. */
  @ApiOperation({ summary: 'List imports' })
  @Get()
  @Access(ACCESS.read)
  @ApiOkResponse({ type: ImportPageResponse })
  list(@Query() query: ListImportsQuery, @Caller() caller: Principal): Promise<ImportPageResponse> {
    return this.service.list(query.limit ?? 50, query.cursor, importViewer(caller));
  }

  /** Also for the token that sent the upload, to poll a background import. */
  @ApiOperation({ summary: 'An import and its counts' })
  @Get(':id')
  @Access(ACCESS.followImport)
  @ApiOkResponse({ type: ImportResponse })
  get(@Param() { id }: ImportIdParam, @Caller() caller: Principal): Promise<ImportResponse> {
    return this.service.get(id, importViewer(caller));
  }
}
