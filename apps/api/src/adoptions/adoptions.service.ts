import { Injectable } from '@nestjs/common';
import { DEFAULT_PRIMARY_ANALYSIS, parseHorizonRule, type PrimaryAnalysis } from '@escapement/domain';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import { DataSource, type EntityManager } from 'typeorm';
import { canSeeTeam, type TeamScope } from '../auth/principal';
import { isUniqueViolation } from '../common/database-errors';
import { DomainError, forbidden, invalid, notFound } from '../common/domain-error';
import { ServicesRepository } from '../services/services.repository';
import { TeamsRepository } from '../teams/teams.repository';
import { AdoptionResponse, CreateAdoptionRequest, mapAdoption, primaryAnalysisOf, RetireAdoptionRequest, UpdateAdoptionRequest, type PrimaryAnalysisInput } from './adoption.dto';
import { AdoptionWindowsRepository } from './adoption-windows.repository';
import { AdoptionsRepository, type AdoptionChanges, type AdoptionRecord } from './adoptions.repository';

@Injectable()
export class AdoptionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly windows: AdoptionWindowsRepository,
    private readonly adoptions: AdoptionsRepository,
    private readonly teams: TeamsRepository,
    private readonly services: ServicesRepository,
  ) {}

  /** `teams`: adoptions of those teams and of their services only; null for all. */
  async list(teams: TeamScope): Promise<AdoptionResponse[]> {
    return (await this.adoptions.list(teams)).map(mapAdoption);
  }

  /** `teams`: the caller's team scope; a caller limited to teams records adoptions for those only. */
  async create(request: CreateAdoptionRequest, teams: TeamScope, actor: string | null): Promise<AdoptionResponse> {
    if (Boolean(request.teamId) === Boolean(request.serviceId)) {
      throw invalid('An adoption names exactly one team or one service', [{ pointer: request.teamId ? '/serviceId' : '/teamId', message: 'give teamId or serviceId, not both and not neither' }]);
    }
    const teamExists = request.teamId ? await this.teams.exists(request.teamId) : true;
    const service = request.serviceId ? await this.services.byId(request.serviceId) : null;
    // A caller limited to teams gets one answer for another team's unit and for one that does not
    // exist, so that the answer does not tell which ids exist elsewhere.
    if (!canSeeTeam(teams, request.teamId ?? service?.teamId ?? null)) throw forbidden('You record adoptions for your own teams and their services only');
    if (!teamExists) throw invalid(`Team ${request.teamId} does not exist`, [{ pointer: '/teamId', message: 'no such team' }]);
    if (request.serviceId && !service) throw invalid(`Service ${request.serviceId} does not exist`, [{ pointer: '/serviceId', message: 'no such service' }]);
    const primary = withPrimaryAnalysis(DEFAULT_PRIMARY_ANALYSIS, request.primaryAnalysis);
    try {
      const id = await this.dataSource.transaction(async (manager) => {
        const saved = { teamId: request.teamId ?? null, serviceId: request.serviceId ?? null, practice: request.practice, startedAt: request.startedAt, ...primaryColumns(primary) };
        const savedId = await this.adoptions.create(manager, saved);
        await this.audit.record(manager, {
          actor,
          action: 'adoption.created',
          subjectType: 'adoption',
          subjectId: savedId,
          details: { teamId: saved.teamId, serviceId: saved.serviceId, practice: saved.practice, startedAt: saved.startedAt, primaryAnalysis: primary },
        });
        return savedId;
      });
      return mapAdoption(await this.stored(id));
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', 'This adoption is already recorded');
      throw error;
    }
  }

  /**
   * Corrects the practice, start date or primary analysis; audited with the values before and after. The
   * primary analysis is fixed in advance: once the after-window has a finding, changing it is a conflict.
   */
  async update(id: string, request: UpdateAdoptionRequest, teams: TeamScope, actor: string | null): Promise<AdoptionResponse> {
    const adoption = await this.editable(id, teams);
    const current = primaryAnalysisOf(adoption);
    const before = { practice: adoption.practice, startedAt: adoption.startedAt, primaryAnalysis: current };
    if (request.startedAt && adoption.retiredAt && request.startedAt > adoption.retiredAt) {
      throw invalid('An adoption cannot start after it was retired', [{ pointer: '/startedAt', message: `after the retirement on ${adoption.retiredAt}` }]);
    }
    const primary = withPrimaryAnalysis(current, request.primaryAnalysis);
    const primaryChanged = (Object.keys(primary) as (keyof PrimaryAnalysis)[]).some((key) => primary[key] !== current[key]);
    // Checked inside the transaction that writes, just before the write.
    const fixedInAdvance = async (manager: EntityManager) => {
      if (primaryChanged && (await this.windows.afterWindowHasFindings(manager, adoption))) {
        throw new DomainError(
          'conflict',
          `The primary analysis of this adoption is fixed: its after-window (from ${adoption.startedAt}) already has findings. Explore other settings on the Adoption impact page instead; they are labelled exploratory.`,
        );
      }
    };
    return this.save(
      id,
      { practice: request.practice ?? adoption.practice, startedAt: request.startedAt ?? adoption.startedAt, ...(primaryChanged ? primaryColumns(primary) : {}) },
      actor,
      'adoption.updated',
      { before },
      fixedInAdvance,
    );
  }

  /** Ends an adoption on a date, keeping it (and the comparisons that use it). Audited. */
  async retire(id: string, request: RetireAdoptionRequest, teams: TeamScope, actor: string | null): Promise<AdoptionResponse> {
    const adoption = await this.editable(id, teams);
    if (request.retiredAt < adoption.startedAt) {
      throw invalid('An adoption cannot end before it started', [{ pointer: '/retiredAt', message: `before the start on ${adoption.startedAt}` }]);
    }
    return this.save(id, { retiredAt: request.retiredAt }, actor, 'adoption.retired', {});
  }

  private async editable(id: string, teams: TeamScope): Promise<AdoptionRecord> {
    const adoption = await this.adoptions.byId(id);
    const teamId = adoption ? (adoption.teamId ?? adoption.serviceTeamId ?? null) : null;
    if (!adoption || !canSeeTeam(teams, teamId)) throw notFound('Adoption', id);
    return adoption;
  }

  private async save(
    id: string,
    changes: AdoptionChanges,
    actor: string | null,
    action: string,
    details: Record<string, unknown>,
    check: (manager: EntityManager) => Promise<void> = async () => {},
  ): Promise<AdoptionResponse> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await check(manager);
        await this.adoptions.update(manager, id, changes);
        await this.audit.record(manager, { actor, action, subjectType: 'adoption', subjectId: id, details: { ...details, changes } });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', 'This adoption is already recorded');
      throw error;
    }
    return mapAdoption(await this.stored(id));
  }

  private async stored(id: string): Promise<AdoptionRecord> {
    const adoption = await this.adoptions.byId(id);
    if (!adoption) throw notFound('Adoption', id);
    return adoption;
  }
}

/** The primary analysis with what the request sets; a horizon past ten years is refused with where it is. */
function withPrimaryAnalysis(current: PrimaryAnalysis, input: PrimaryAnalysisInput | undefined): PrimaryAnalysis {
  const next: PrimaryAnalysis = {
    findingClass: input?.findingClass ?? current.findingClass,
    boundary: input?.boundary ?? current.boundary,
    horizonRule: input?.horizonRule ?? current.horizonRule,
    minimalImportantDifference: input?.minimalImportantDifference ?? current.minimalImportantDifference,
  };
  if (parseHorizonRule(next.horizonRule) === null) {
    throw invalid('The horizon rule names no horizon', [{ pointer: '/primaryAnalysis/horizonRule', message: 'must be p50 to p99 or 1d to 3650d' }]);
  }
  return next;
}

function primaryColumns(primary: PrimaryAnalysis): Pick<AdoptionRecord, 'primaryFindingClass' | 'primaryBoundary' | 'primaryHorizonRule' | 'primaryMid'> {
  return {
    primaryFindingClass: primary.findingClass,
    primaryBoundary: primary.boundary,
    primaryHorizonRule: primary.horizonRule,
    primaryMid: primary.minimalImportantDifference,
  };
}
