import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { canSeeTeam, type TeamScope } from '../auth/principal';
import { isUniqueViolation } from '../common/database-errors';
import { DomainError, forbidden, invalid } from '../common/domain-error';
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

  /** `teams`: adoptions of those teams and of their services only; null for all. */
  async list(teams: TeamScope): Promise<AdoptionResponse[]> {
    const where = teams ? [{ teamId: In([...teams]) }, { service: { teamId: In([...teams]) } }] : {};
    const rows = await this.adoptions.find({ where, relations: { team: true, service: true }, order: { startedAt: 'ASC', createdAt: 'ASC' } });
    return rows.map(mapAdoption);
  }

  /** `teams`: the caller's team scope; a caller limited to teams records adoptions for those only. */
  async create(request: CreateAdoptionRequest, teams: TeamScope): Promise<AdoptionResponse> {
    if (Boolean(request.teamId) === Boolean(request.serviceId)) {
      throw invalid('An adoption names exactly one team or one service', [{ pointer: request.teamId ? '/serviceId' : '/teamId', message: 'give teamId or serviceId, not both and not neither' }]);
    }
    if (request.teamId && !(await this.teams.existsBy({ id: request.teamId }))) {
      throw invalid(`Team ${request.teamId} does not exist`, [{ pointer: '/teamId', message: 'no such team' }]);
    }
    const service = request.serviceId ? await this.services.findOneBy({ id: request.serviceId }) : null;
    if (request.serviceId && !service) {
      throw invalid(`Service ${request.serviceId} does not exist`, [{ pointer: '/serviceId', message: 'no such service' }]);
    }
    if (!canSeeTeam(teams, request.teamId ?? service?.teamId ?? null)) throw forbidden('You record adoptions for your own teams and their services only');
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
