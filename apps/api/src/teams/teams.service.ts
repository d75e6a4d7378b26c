import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import type { TeamScope } from '../auth/principal';
import { isUniqueViolation } from '../common/database-errors';
import { DomainError } from '../common/domain-error';
import { CreateTeamRequest, mapTeam, TeamResponse } from './team.dto';
import { TeamsRepository } from './teams.repository';

@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly teams: TeamsRepository,
  ) {}

  async list(teams: TeamScope): Promise<TeamResponse[]> {
    return (await this.teams.list(teams)).map(mapTeam);
  }

  /** Audited in the same transaction. */
  async create(request: CreateTeamRequest, actor: string | null): Promise<TeamResponse> {
    const name = request.name.trim();
    try {
      return mapTeam(
        await this.dataSource.transaction(async (manager) => {
          const team = await this.teams.create(manager, name);
          await this.audit.record(manager, { actor, action: 'team.created', subjectType: 'team', subjectId: team.id, details: { name } });
          return team;
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', `A team named "${name}" already exists`, [{ pointer: '/name', message: 'already exists' }]);
      throw error;
    }
  }
}
