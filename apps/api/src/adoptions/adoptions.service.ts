import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AuditLog } from '../audit/audit-log';
import { DataSource, In, Repository } from 'typeorm';
import { canSeeTeam, type TeamScope } from '../auth/principal';
import { isUniqueViolation } from '../common/database-errors';
import { DomainError, forbidden, invalid, notFound } from '../common/domain-error';
import { ServiceEntity } from '../services/service.entity';
import { TeamEntity } from '../teams/team.entity';
import { AdoptionResponse, CreateAdoptionRequest, mapAdoption, RetireAdoptionRequest, UpdateAdoptionRequest } from './adoption.dto';
import { AdoptionEntity } from './adoption.entity';

@Injectable()
export class AdoptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
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
  async create(request: CreateAdoptionRequest, teams: TeamScope, actor: string | null): Promise<AdoptionResponse> {
    if (Boolean(request.teamId) === Boolean(request.serviceId)) {
      throw invalid('An adoption names exactly one team or one service', [{ pointer: request.teamId ? '/serviceId' : '/teamId', message: 'give teamId or serviceId, not both and not neither' }]);
    }
    const teamExists = request.teamId ? await this.teams.existsBy({ id: request.teamId }) : true;
    const service = request.serviceId ? await this.services.findOneBy({ id: request.serviceId }) : null;
    // A caller limited to teams gets one answer for another team's unit and for one that does not
    // exist, so that the answer does not tell which ids exist elsewhere.
    if (!canSeeTeam(teams, request.teamId ?? service?.teamId ?? null)) throw forbidden('You record adoptions for your own teams and their services only');
    if (!teamExists) throw invalid(`Team ${request.teamId} does not exist`, [{ pointer: '/teamId', message: 'no such team' }]);
    if (request.serviceId && !service) throw invalid(`Service ${request.serviceId} does not exist`, [{ pointer: '/serviceId', message: 'no such service' }]);
    try {
      const id = await this.dataSource.transaction(async (manager) => {
        const saved = await manager.save(
          manager.create(AdoptionEntity, { teamId: request.teamId ?? null, serviceId: request.serviceId ?? null, practice: request.practice, startedAt: request.startedAt }),
        );
        await this.audit.record(manager, {
          actor,
          action: 'adoption.created',
          subjectType: 'adoption',
          subjectId: saved.id,
          details: { teamId: saved.teamId, serviceId: saved.serviceId, practice: saved.practice, startedAt: saved.startedAt },
        });
        return saved.id;
      });
      return mapAdoption(await this.adoptions.findOneOrFail({ where: { id }, relations: { team: true, service: true } }));
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', 'This adoption is already recorded');
      throw error;
    }
  }

  /** Corrects the practice or start date; audited with the values before and after. */
  async update(id: string, request: UpdateAdoptionRequest, teams: TeamScope, actor: string | null): Promise<AdoptionResponse> {
    const adoption = await this.editable(id, teams);
    const before = { practice: adoption.practice, startedAt: adoption.startedAt };
    if (request.startedAt && adoption.retiredAt && request.startedAt > adoption.retiredAt) {
      throw invalid('An adoption cannot start after it was retired', [{ pointer: '/startedAt', message: `after the retirement on ${adoption.retiredAt}` }]);
    }
    return this.save(id, { practice: request.practice ?? adoption.practice, startedAt: request.startedAt ?? adoption.startedAt }, actor, 'adoption.updated', { before });
  }

  /** Ends an adoption on a date, keeping it (and the comparisons that use it). Audited. */
  async retire(id: string, request: RetireAdoptionRequest, teams: TeamScope, actor: string | null): Promise<AdoptionResponse> {
    const adoption = await this.editable(id, teams);
    if (request.retiredAt < adoption.startedAt) {
      throw invalid('An adoption cannot end before it started', [{ pointer: '/retiredAt', message: `before the start on ${adoption.startedAt}` }]);
    }
    return this.save(id, { retiredAt: request.retiredAt }, actor, 'adoption.retired', {});
  }

  private async editable(id: string, teams: TeamScope): Promise<AdoptionEntity> {
    const adoption = await this.adoptions.findOne({ where: { id }, relations: { team: true, service: true } });
    const teamId = adoption ? (adoption.teamId ?? adoption.service?.teamId ?? null) : null;
    if (!adoption || !canSeeTeam(teams, teamId)) throw notFound('Adoption', id);
    return adoption;
  }

  private async save(id: string, changes: Partial<AdoptionEntity>, actor: string | null, action: string, details: Record<string, unknown>): Promise<AdoptionResponse> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.update(AdoptionEntity, { id }, changes);
        await this.audit.record(manager, { actor, action, subjectType: 'adoption', subjectId: id, details: { ...details, changes } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', 'This adoption is already recorded');
      throw error;
    }
    return mapAdoption(await this.adoptions.findOneOrFail({ where: { id }, relations: { team: true, service: true } }));
  }
}
