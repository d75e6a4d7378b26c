import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateTeamRequest, TeamResponse } from './team.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@Controller('v1/teams')
export class TeamsController {
  constructor(private readonly service: TeamsService) {}

  @Get()
  list(): Promise<TeamResponse[]> {
    return this.service.list();
  }

  @Post()
  create(@Body() request: CreateTeamRequest): Promise<TeamResponse> {
    return this.service.create(request);
  }
}
