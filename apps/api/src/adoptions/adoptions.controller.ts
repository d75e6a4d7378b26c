import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdoptionResponse, CreateAdoptionRequest } from './adoption.dto';
import { AdoptionsService } from './adoptions.service';

@ApiTags('adoptions')
@Controller('v1/adoptions')
export class AdoptionsController {
  constructor(private readonly service: AdoptionsService) {}

  @Get()
  list(): Promise<AdoptionResponse[]> {
    return this.service.list();
  }

  @Post()
  create(@Body() request: CreateAdoptionRequest): Promise<AdoptionResponse> {
    return this.service.create(request);
  }
}
