import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import { actorOf, type Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import { CreateServiceRequest, ServiceResponse } from './service.dto';
import { ServicesService } from './services.service';

@ApiTags('services')
@Controller('v1/services')
export class ServicesController {
  constructor(private readonly service: ServicesService) {}

  /** Services of the caller's teams when limited to some; every service otherwise. */
  @ApiOperation({ summary: 'List services' })
  @ApiOkResponse({ type: [ServiceResponse] })
  @Get()
  @Access(ACCESS.read)
  list(@Caller() caller: Principal): Promise<ServiceResponse[]> {
    return this.service.list(caller.teams);
  }

  @ApiOperation({ summary: 'Create a service' })
  @ApiCreatedResponse({ type: ServiceResponse })
  @Post()
  @Access(ACCESS.organise)
  create(@Body() request: CreateServiceRequest, @Caller() caller: Principal): Promise<ServiceResponse> {
    return this.service.create(request, actorOf(caller));
  }
}
