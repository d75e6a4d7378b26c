import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ImportIdParam, ImportPageResponse, ImportParameters, ImportResponse, ListImportsQuery } from './import.dto';
import { ImportsService } from './imports.service';

@ApiTags('imports')
@Controller('v1/imports')
export class ImportsController {
  constructor(private readonly service: ImportsService) {}

  /** The body is the file (raw, gzip, or multipart field `file`); parameters come from the query or form. */
  @Post()
  @ApiConsumes('application/sarif+json', 'application/json', 'text/csv', 'multipart/form-data', 'application/gzip')
  @ApiBody({ description: 'SARIF 2.1.0, a JSON array of findings, or CSV', schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ type: ImportParameters })
  @ApiCreatedResponse({ type: ImportResponse, description: 'Stored' })
  @ApiAcceptedResponse({ type: ImportResponse, description: 'Large upload: being stored; poll statusUrl' })
  async receive(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ImportResponse> {
    const { status, body } = await this.service.receive(request, request.query as Record<string, unknown>);
    response.status(status);
    if (status === 202) response.setHeader('Location', body.statusUrl);
    return body;
  }

  @Get()
  @ApiOkResponse({ type: ImportPageResponse })
  list(@Query() query: ListImportsQuery): Promise<ImportPageResponse> {
    return this.service.list(query.limit ?? 50, query.cursor);
  }

  @Get(':id')
  @ApiOkResponse({ type: ImportResponse })
  get(@Param() { id }: ImportIdParam): Promise<ImportResponse> {
    return this.service.get(id);
  }
}
