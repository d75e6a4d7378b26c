import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { TeamScope } from '../auth/principal';

export interface ServiceRecord {
  id: string;
  name: string;
  teamId: string | null;
  teamName: string | null;
  repositoryPatterns: string[];
  createdAt: Date;
}

const SELECT_SERVICE = `
  SELECT s.id, s.name, s.team_id AS "teamId", t.name AS "teamName", s.repository_patterns AS "repositoryPatterns", s.created_at AS "createdAt"
    FROM services s LEFT JOIN teams t ON t.id = s.team_id`;

/** Services, and who may write to them. */
@Injectable()
export class ServicesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `teams`: those teams' services only; null for all. By name. */
  list(teams: TeamScope): Promise<ServiceRecord[]> {
    return this.dataSource.query(`${SELECT_SERVICE} WHERE $1::uuid[] IS NULL OR s.team_id = ANY($1::uuid[]) ORDER BY s.name`, [teams]);
  }

  async byId(id: string, runner: EntityManager | DataSource = this.dataSource): Promise<ServiceRecord | null> {
    const [service]: ServiceRecord[] = await runner.query(`${SELECT_SERVICE} WHERE s.id = $1`, [id]);
    return service ?? null;
  }

  async create(manager: EntityManager, service: { name: string; teamId: string | null; repositoryPatterns: string[] }): Promise<string> {
    const [row]: { id: string }[] = await manager.query(`INSERT INTO services (name, team_id, repository_patterns) VALUES ($1, $2, $3) RETURNING id`, [
      service.name,
      service.teamId,
      service.repositoryPatterns,
    ]);
    return row.id;
  }

  /** Creates the named services that do not exist yet, in `teamId` (null: in no team). */
  async createMissing(manager: EntityManager, names: readonly string[], teamId: string | null): Promise<void> {
    await manager.query(`INSERT INTO services (name, team_id) SELECT unnest($1::text[]), $2::uuid ON CONFLICT (name) DO NOTHING`, [names, teamId]);
  }

  /** Those of the named services that belong to no team or to a team outside `teams`, by name. */
  async foreignTo(manager: EntityManager, names: readonly string[], teams: readonly string[]): Promise<string[]> {
    const rows: { name: string }[] = await manager.query(
      `SELECT name FROM services WHERE name = ANY($1::text[]) AND (team_id IS NULL OR NOT (team_id = ANY($2::uuid[]))) ORDER BY name`,
      [names, teams],
    );
    return rows.map((row) => row.name);
  }

  /** The team of a service by name: undefined when there is no such service, null when it has no team. */
  async teamOf(runner: EntityManager | DataSource, name: string): Promise<string | null | undefined> {
    const rows: { team_id: string | null }[] = await runner.query(`SELECT team_id FROM services WHERE name = $1`, [name]);
    return rows.length ? rows[0].team_id : undefined;
  }
}
