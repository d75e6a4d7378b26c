import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ThreatModelIdParam, ThreatModelImportParameters, ThreatModelImportResponse, ThreatModelResponse, VersionParam } from './threat-model.dto';
import { ThreatModelImporter } from './threat-model-importer';
import { ThreatModelsService } from './threat-models.service';

@ApiTags('threat-models')
@Controller('v1/threat-models')
export class ThreatModelsController {
  constructor(
    private readonly importer: ThreatModelImporter,
    private readonly service: ThreatModelsService,
  ) {}

  /** The body is the model file (Open Threat Model JSON/YAML, Threat Dragon v2 JSON, or native YAML/JSON). */
  @Post()
  @ApiConsumes('application/json', 'application/yaml', 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ type: ThreatModelImportParameters })
  @ApiCreatedResponse({ type: ThreatModelImportResponse })
  async import(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ThreatModelImportResponse> {
    const { status, body } = await this.importer.import(request, request.query as Record<string, unknown>, null);
    response.status(status);
    return body;
  }

  @Get()
  @ApiOkResponse({ type: [ThreatModelResponse] })
  list(): Promise<ThreatModelResponse[]> {
    return this.service.list();
  }

  @Get(':id')
  get(@Param() { id }: ThreatModelIdParam) {
    return this.service.get(id);
  }

  @Get(':id/versions/:version')
  version(@Param() { id, version }: VersionParam) {
    return this.service.version(id, version);
  }

  /** Components of the latest version. */
  @Get(':id/components')
  components(@Param() { id }: ThreatModelIdParam) {
    return this.service.version(id, null).then((v) => v.components);
  }

  /** Threats of the latest version, each with the date it first appeared in the model. */
  @Get(':id/threats')
  threats(@Param() { id }: ThreatModelIdParam) {
    return this.service.version(id, null).then((v) => v.threats);
  }
}
