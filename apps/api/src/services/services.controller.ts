import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateServiceRequest, ServiceResponse } from './service.dto';
import { ServicesService } from './services.service';

@ApiTags('services')
@Controller('v1/services')
export class ServicesController {
  constructor(private readonly service: ServicesService) {}

  @Get()
  list(): Promise<ServiceResponse[]> {
    return this.service.list();
  }

  @Post()
  create(@Body() request: CreateServiceRequest): Promise<ServiceResponse> {
    return this.service.create(request);
  }
}
