import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import { actorOf, type Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import { AdoptionIdParam, AdoptionResponse, CreateAdoptionRequest, RetireAdoptionRequest, UpdateAdoptionRequest } from './adoption.dto';
import { AdoptionsService } from './adoptions.service';

@ApiTags('adoptions')
@Controller('v1/adoptions')
export class AdoptionsController {
  constructor(private readonly service: AdoptionsService) {}

  @ApiOperation({ summary: 'List adoptions of context-aware practices' })
  @ApiOkResponse({ type: [AdoptionResponse] })
  @Get()
  @Access(ACCESS.read)
  list(@Caller() caller: Principal): Promise<AdoptionResponse[]> {
    return this.service.list(caller.teams);
  }

  /** A manager records adoptions of their own teams (and their services) only. */
  @ApiOperation({ summary: 'Record an adoption and its primary analysis' })
  @ApiCreatedResponse({ type: AdoptionResponse })
  @Post()
  @Access(ACCESS.recordAdoption)
  create(@Body() request: CreateAdoptionRequest, @Caller() caller: Principal): Promise<AdoptionResponse> {
    return this.service.create(request, caller.teams, actorOf(caller));
  }

  /** Corrects an adoption's practice or start date (same rule as recording one). */
  @ApiOperation({ summary: 'Correct an adoption' })
  @ApiOkResponse({ type: AdoptionResponse })
  @Patch(':id')
  @Access(ACCESS.recordAdoption)
  update(@Param() { id }: AdoptionIdParam, @Body() request: UpdateAdoptionRequest, @Caller() caller: Principal): Promise<AdoptionResponse> {
    return this.service.update(id, request, caller.teams, actorOf(caller));
  }

  /** The team stopped the practice: the adoption is kept, with its end date. */
  @ApiOperation({ summary: 'Retire an adoption' })
  @ApiCreatedResponse({ type: AdoptionResponse })
  @Post(':id/retire')
  @Access(ACCESS.recordAdoption)
  retire(@Param() { id }: AdoptionIdParam, @Body() request: RetireAdoptionRequest, @Caller() caller: Principal): Promise<AdoptionResponse> {
    return this.service.retire(id, request, caller.teams, actorOf(caller));
  }
}
