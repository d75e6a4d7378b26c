import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DetectionStage, PrimaryFindingClass } from '@escapement/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { TeamScope } from '../auth/principal';

/** A team or a service started a context-aware practice on a date. */
export interface AdoptionRecord {
  id: string;
  teamId: string | null;
  teamName: string | null;
  serviceId: string | null;
  serviceName: string | null;
  /** The team of the adopting service, if a service adopted. */
  serviceTeamId: string | null;
  practice: string;
  /** A calendar date (YYYY-MM-DD), not an instant. */
  startedAt: string;
  /** When the practice ended, if it did (YYYY-MM-DD). */
  retiredAt: string | null;
  /** The primary analysis, fixed in advance (see PrimaryAnalysis). */
  primaryFindingClass: PrimaryFindingClass;
  primaryBoundary: DetectionStage;
  primaryHorizonRule: string;
  primaryMid: number;
  createdAt: Date;
}

/** What an adoption's record may be changed in; the keys are the audit trail's names for them. */
export type AdoptionChanges = Partial<Pick<AdoptionRecord, 'practice' | 'startedAt' | 'retiredAt' | 'primaryFindingClass' | 'primaryBoundary' | 'primaryHorizonRule' | 'primaryMid'>>;

const COLUMN_OF: Record<keyof AdoptionChanges, string> = {
  practice: 'practice',
  startedAt: 'started_at',
  retiredAt: 'retired_at',
  primaryFindingClass: 'primary_finding_class',
  primaryBoundary: 'primary_boundary',
  primaryHorizonRule: 'primary_horizon_rule',
  primaryMid: 'primary_mid',
};

const SELECT_ADOPTION = `
  SELECT a.id, a.team_id AS "teamId", t.name AS "teamName", a.service_id AS "serviceId", s.name AS "serviceName", s.team_id AS "serviceTeamId",
         a.practice, a.started_at::text AS "startedAt", a.retired_at::text AS "retiredAt",
         a.primary_finding_class AS "primaryFindingClass", a.primary_boundary::text AS "primaryBoundary",
         a.primary_horizon_rule AS "primaryHorizonRule", a.primary_mid::float8 AS "primaryMid", a.created_at AS "createdAt"
    FROM adoptions a
    LEFT JOIN teams t ON t.id = a.team_id
    LEFT JOIN services s ON s.id = a.service_id`;

@Injectable()
export class AdoptionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `teams`: adoptions of those teams and of their services only; null for all. In start order. */
  list(teams: TeamScope): Promise<AdoptionRecord[]> {
    return this.dataSource.query(
      `${SELECT_ADOPTION} WHERE $1::uuid[] IS NULL OR a.team_id = ANY($1::uuid[]) OR s.team_id = ANY($1::uuid[]) ORDER BY a.started_at, a.created_at`,
      [teams],
    );
  }

  async byId(id: string): Promise<AdoptionRecord | null> {
    const [adoption]: AdoptionRecord[] = await this.dataSource.query(`${SELECT_ADOPTION} WHERE a.id = $1`, [id]);
    return adoption ?? null;
  }

  async create(
    manager: EntityManager,
    adoption: Pick<AdoptionRecord, 'teamId' | 'serviceId' | 'practice' | 'startedAt' | 'primaryFindingClass' | 'primaryBoundary' | 'primaryHorizonRule' | 'primaryMid'>,
  ): Promise<string> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO adoptions (team_id, service_id, practice, started_at, primary_finding_class, primary_boundary, primary_horizon_rule, primary_mid)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [adoption.teamId, adoption.serviceId, adoption.practice, adoption.startedAt, adoption.primaryFindingClass, adoption.primaryBoundary, adoption.primaryHorizonRule, adoption.primaryMid],
    );
    return row.id;
  }

  async update(manager: EntityManager, id: string, changes: AdoptionChanges): Promise<void> {
    const keys = (Object.keys(changes) as (keyof AdoptionChanges)[]).filter((key) => changes[key] !== undefined);
    if (!keys.length) return;
    await manager.query(`UPDATE adoptions SET ${keys.map((key, i) => `${COLUMN_OF[key]} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...keys.map((key) => changes[key])]);
  }
}
