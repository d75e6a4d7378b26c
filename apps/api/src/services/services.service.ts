import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { AuditLog } from '../audit/audit-log';
import type { TeamScope } from '../auth/principal';
import { isUniqueViolation } from '../common/database-errors';
import { DomainError } from '../common/domain-error';
import { TeamEntity } from '../teams/team.entity';
import { CreateServiceRequest, mapService, ServiceResponse } from './service.dto';
import { ServiceEntity } from './service.entity';

@Injectable()
export class ServicesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    @InjectRepository(ServiceEntity) private readonly services: Repository<ServiceEntity>,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
  ) {}

  async list(teams: TeamScope): Promise<ServiceResponse[]> {
    return (await this.services.find({ where: teams ? { teamId: In([...teams]) } : {}, relations: { team: true }, order: { name: 'ASC' } })).map(mapService);
  }

  /** Audited in the same transaction. */
  async create(request: CreateServiceRequest, actor: string | null): Promise<ServiceResponse> {
    const name = request.name.trim();
    if (request.teamId && !(await this.teams.existsBy({ id: request.teamId }))) {
      throw new DomainError('validation_failed', `Team ${request.teamId} does not exist`, [{ pointer: '/teamId', message: 'no such team' }]);
    }
    let id: string;
    try {
      id = await this.dataSource.transaction(async (manager) => {
        const service = await manager.save(manager.create(ServiceEntity, { name, teamId: request.teamId ?? null, repositoryPatterns: request.repositoryPatterns ?? [] }));
        await this.audit.record(manager, {
          actor,
          action: 'service.created',
          subjectType: 'service',
          subjectId: service.id,
          details: { name, teamId: service.teamId, repositoryPatterns: service.repositoryPatterns },
        });
        return service.id;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', `A service named "${name}" already exists`, [{ pointer: '/name', message: 'already exists' }]);
      throw error;
    }
    return mapService(await this.services.findOneOrFail({ where: { id }, relations: { team: true } }));
  }
}
