import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { isUniqueViolation } from '../common/database-errors';
import { DomainError, invalid } from '../common/domain-error';
import { ServiceEntity } from '../services/service.entity';
import { TeamEntity } from '../teams/team.entity';
import { AdoptionResponse, CreateAdoptionRequest, mapAdoption } from './adoption.dto';
import { AdoptionEntity } from './adoption.entity';

@Injectable()
export class AdoptionsService {
  constructor(
    @InjectRepository(AdoptionEntity) private readonly adoptions: Repository<AdoptionEntity>,
    @InjectRepository(TeamEntity) private readonly teams: Repository<TeamEntity>,
    @InjectRepository(ServiceEntity) private readonly services: Repository<ServiceEntity>,
  ) {}

  async list(): Promise<AdoptionResponse[]> {
    const rows = await this.adoptions.find({ relations: { team: true, service: true }, order: { startedAt: 'ASC', createdAt: 'ASC' } });
    return rows.map(mapAdoption);
  }

  async create(request: CreateAdoptionRequest): Promise<AdoptionResponse> {
    if (Boolean(request.teamId) === Boolean(request.serviceId)) {
      throw invalid('An adoption names exactly one team or one service', [{ pointer: request.teamId ? '/serviceId' : '/teamId', message: 'give teamId or serviceId, not both and not neither' }]);
    }
    if (request.teamId && !(await this.teams.existsBy({ id: request.teamId }))) {
      throw invalid(`Team ${request.teamId} does not exist`, [{ pointer: '/teamId', message: 'no such team' }]);
    }
    if (request.serviceId && !(await this.services.existsBy({ id: request.serviceId }))) {
      throw invalid(`Service ${request.serviceId} does not exist`, [{ pointer: '/serviceId', message: 'no such service' }]);
    }
    try {
      const saved = await this.adoptions.save(
        this.adoptions.create({ teamId: request.teamId ?? null, serviceId: request.serviceId ?? null, practice: request.practice, startedAt: request.startedAt }),
      );
      return mapAdoption(await this.adoptions.findOneOrFail({ where: { id: saved.id }, relations: { team: true, service: true } }));
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', 'This adoption is already recorded');
      throw error;
    }
  }
}
