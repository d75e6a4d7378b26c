import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { ACCESS } from '../auth/access-rules';
import { actorOf, type Principal } from '../auth/principal';
import { Caller } from '../auth/request-principal';
import { CreateTeamRequest, TeamResponse } from './team.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@Controller('v1/teams')
export class TeamsController {
  constructor(private readonly service: TeamsService) {}

  /** The caller's teams when limited to some; every team otherwise. */
  @ApiOperation({ summary: 'List teams' })
  @ApiOkResponse({ type: [TeamResponse] })
  @Get()
  @Access(ACCESS.read)
  list(@Caller() caller: Principal): Promise<TeamResponse[]> {
    return this.service.list(caller.teams);
  }

  @ApiOperation({ summary: 'Create a team' })
  @ApiCreatedResponse({ type: TeamResponse })
  @Post()
  @Access(ACCESS.organise)
  create(@Body() request: CreateTeamRequest, @Caller() caller: Principal): Promise<TeamResponse> {
    return this.service.create(request, actorOf(caller));
  }
}
