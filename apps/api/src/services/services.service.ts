import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import type { TeamScope } from '../auth/principal';
import { isUniqueViolation } from '../common/database-errors';
import { DomainError } from '../common/domain-error';
import { TeamsRepository } from '../teams/teams.repository';
import { CreateServiceRequest, mapService, ServiceResponse } from './service.dto';
import { ServicesRepository } from './services.repository';

@Injectable()
export class ServicesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly services: ServicesRepository,
    private readonly teams: TeamsRepository,
  ) {}

  async list(teams: TeamScope): Promise<ServiceResponse[]> {
    return (await this.services.list(teams)).map(mapService);
  }

  /** Audited in the same transaction. */
  async create(request: CreateServiceRequest, actor: string | null): Promise<ServiceResponse> {
    const name = request.name.trim();
    if (request.teamId && !(await this.teams.exists(request.teamId))) {
      throw new DomainError('validation_failed', `Team ${request.teamId} does not exist`, [{ pointer: '/teamId', message: 'no such team' }]);
    }
    let id: string;
    try {
      id = await this.dataSource.transaction(async (manager) => {
        const service = { name, teamId: request.teamId ?? null, repositoryPatterns: request.repositoryPatterns ?? [] };
        const serviceId = await this.services.create(manager, service);
        await this.audit.record(manager, {
          actor,
          action: 'service.created',
          subjectType: 'service',
          subjectId: serviceId,
          details: { name, teamId: service.teamId, repositoryPatterns: service.repositoryPatterns },
        });
        return serviceId;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', `A service named "${name}" already exists`, [{ pointer: '/name', message: 'already exists' }]);
      throw error;
    }
    const created = await this.services.byId(id);
    if (!created) throw new Error(`Service ${id} vanished after its creation`);
    return mapService(created);
  }
}
