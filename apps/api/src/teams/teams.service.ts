import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { TeamScope } from '../auth/principal';
import { isUniqueViolation } from '../common/database-errors';
import { DomainError } from '../common/domain-error';
import { CreateTeamRequest, mapTeam, TeamResponse } from './team.dto';
import { TeamEntity } from './team.entity';

@Injectable()
export class TeamsService {
  constructor(@InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>) {}

  async list(teams: TeamScope): Promise<TeamResponse[]> {
    return (await this.teams.find({ where: teams ? { id: In([...teams]) } : {}, order: { name: 'ASC' } })).map(mapTeam);
  }

  async create(request: CreateTeamRequest): Promise<TeamResponse> {
    const name = request.name.trim();
    try {
      return mapTeam(await this.teams.save(this.teams.create({ name })));
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', `A team named "${name}" already exists`, [{ pointer: '/name', message: 'already exists' }]);
      throw error;
    }
  }
}
