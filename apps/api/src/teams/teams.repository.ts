import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { TeamScope } from '../auth/principal';

export interface TeamRecord {
  id: string;
  name: string;
  createdAt: Date;
}

const SELECT_TEAM = `SELECT id, name, created_at AS "createdAt" FROM teams`;

@Injectable()
export class TeamsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `teams`: those teams only; null for all. By name. */
  list(teams: TeamScope): Promise<TeamRecord[]> {
    return this.dataSource.query(`${SELECT_TEAM} WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]) ORDER BY name`, [teams]);
  }

  async create(manager: EntityManager, name: string): Promise<TeamRecord> {
    const [team]: TeamRecord[] = await manager.query(`INSERT INTO teams (name) VALUES ($1) RETURNING id, name, created_at AS "createdAt"`, [name]);
    return team;
  }

  async exists(id: string, runner: EntityManager | DataSource = this.dataSource): Promise<boolean> {
    return (await runner.query(`SELECT 1 FROM teams WHERE id = $1`, [id])).length > 0;
  }

  /** A team's id from its name or its id (the id wins); null when there is no such team. */
  async idOf(nameOrId: string): Promise<string | null> {
    const [row]: { id: string }[] = await this.dataSource.query(`SELECT id FROM teams WHERE id::text = $1 OR name = $1 ORDER BY id::text = $1 DESC LIMIT 1`, [nameOrId]);
    return row?.id ?? null;
  }
}
