import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import { actorOf, type Principal } from '../auth/principal';
import { RateLimit } from '../auth/rate-limit';
import { Caller } from '../auth/request-principal';
import {
  ModelComponentResponse,
  ModelThreatResponse,
  ThreatModelDetailResponse,
  ThreatModelIdParam,
  ThreatModelImportParameters,
  ThreatModelImportResponse,
  ThreatModelResponse,
  VersionDetailResponse,
  VersionParam,
} from './threat-model.dto';
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
  @ApiOperation({ summary: 'Import a threat model as a new version' })
  @Post()
  @Access(ACCESS.ingestThreatModels)
  @RateLimit('ingest')
  @ApiConsumes('application/json', 'application/yaml', 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiQuery({ type: ThreatModelImportParameters })
  @ApiCreatedResponse({ type: ThreatModelImportResponse })
  async import(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Caller() caller: Principal): Promise<ThreatModelImportResponse> {
    const { status, body } = await this.importer.import(request, request.query as Record<string, unknown>, actorOf(caller), caller.teams);
    response.status(status);
    return body;
  }

  @ApiOperation({ summary: 'List threat models' })
  @Get()
  @Access(ACCESS.read)
  @ApiOkResponse({ type: [ThreatModelResponse] })
  list(@Caller() caller: Principal): Promise<ThreatModelResponse[]> {
    return this.service.list(caller.teams);
  }

  @ApiOperation({ summary: 'A threat model and its versions' })
  @ApiOkResponse({ type: ThreatModelDetailResponse })
  @Get(':id')
  @Access(ACCESS.read)
  get(@Param() { id }: ThreatModelIdParam, @Caller() caller: Principal) {
    return this.service.get(id, caller.teams);
  }

  @ApiOperation({ summary: 'A version of a threat model with all its parts' })
  @ApiOkResponse({ type: VersionDetailResponse })
  @Get(':id/versions/:version')
  @Access(ACCESS.read)
  version(@Param() { id, version }: VersionParam, @Caller() caller: Principal) {
    return this.service.version(id, version, caller.teams);
  }

  /** Components of the latest version. */
  @ApiOperation({ summary: 'The components of a threat model\'s latest version' })
  @ApiOkResponse({ type: [ModelComponentResponse] })
  @Get(':id/components')
  @Access(ACCESS.read)
  components(@Param() { id }: ThreatModelIdParam, @Caller() caller: Principal) {
    return this.service.version(id, null, caller.teams).then((v) => v.components);
  }

  /** Threats of the latest version, each with the date it first appeared in the model. */
  @ApiOperation({ summary: 'The threats of a threat model\'s latest version, with when each first appeared' })
  @ApiOkResponse({ type: [ModelThreatResponse] })
  @Get(':id/threats')
  @Access(ACCESS.read)
  threats(@Param() { id }: ThreatModelIdParam, @Caller() caller: Principal) {
    return this.service.version(id, null, caller.teams).then((v) => v.threats);
  }
}
