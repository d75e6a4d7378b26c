import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import type { Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import { AdoptionResponse, CreateAdoptionRequest } from './adoption.dto';
import { AdoptionsService } from './adoptions.service';

@ApiTags('adoptions')
@Controller('v1/adoptions')
export class AdoptionsController {
  constructor(private readonly service: AdoptionsService) {}

  @Get()
  @Access(ACCESS.read)
  list(@Caller() caller: Principal): Promise<AdoptionResponse[]> {
    return this.service.list(caller.teams);
  }

  /** A manager records adoptions of their own teams (and their services) only. */
  @Post()
  @Access(ACCESS.recordAdoption)
  create(@Body() request: CreateAdoptionRequest, @Caller() caller: Principal): Promise<AdoptionResponse> {
    return this.service.create(request, caller.teams);
  }
}
