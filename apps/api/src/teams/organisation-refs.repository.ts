import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TeamScope } from '../auth/principal';
import { invalid } from '../common/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Filters name a team or service by id or by name (uploads and the CLI speak in names). A name is looked
 * up among what the caller may see, so another team's name is answered like one that does not exist.
 */
@Injectable()
export class OrganisationRefsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The id a `team` filter means; an id is taken as it is (an unknown one simply matches nothing). */
  async teamId(ref: string | undefined, scope: TeamScope, parameter = 'team'): Promise<string | undefined> {
    if (ref === undefined || UUID.test(ref)) return ref;
    const [row] = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM teams WHERE name = $1 AND ($2::uuid[] IS NULL OR id = ANY ($2::uuid[]))`, [ref.trim(), scope]);
    if (!row) throw invalid(`No team is named ${JSON.stringify(ref)}`, [{ parameter, message: `no team named ${JSON.stringify(ref)}; give a team's id or exact name` }]);
    return row.id;
  }

  /** The id a `service` filter means; as for teams. */
  async serviceId(ref: string | undefined, scope: TeamScope, parameter = 'service'): Promise<string | undefined> {
    if (ref === undefined || UUID.test(ref)) return ref;
    const [row] = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM services WHERE name = $1 AND ($2::uuid[] IS NULL OR team_id = ANY ($2::uuid[]))`, [ref.trim(), scope]);
    if (!row) throw invalid(`No service is named ${JSON.stringify(ref)}`, [{ parameter, message: `no service named ${JSON.stringify(ref)}; give a service's id or exact name` }]);
    return row.id;
  }

  /** A filter with its team and service given as ids. */
  async resolve<Q extends { team?: string; service?: string }>(query: Q, scope: TeamScope): Promise<Q> {
    const [team, service] = await Promise.all([this.teamId(query.team, scope), this.serviceId(query.service, scope)]);
    return { ...query, team, service };
  }

  /** The team's name, for file names and report titles (null when the id matches no team the caller sees). */
  async teamName(id: string, scope: TeamScope): Promise<string | null> {
    const [row] = await this.dataSource.query<{ name: string }[]>(`SELECT name FROM teams WHERE id = $1 AND ($2::uuid[] IS NULL OR id = ANY ($2::uuid[]))`, [id, scope]);
    return row?.name ?? null;
  }

  async serviceName(id: string, scope: TeamScope): Promise<string | null> {
    const [row] = await this.dataSource.query<{ name: string }[]>(`SELECT name FROM services WHERE id = $1 AND ($2::uuid[] IS NULL OR team_id = ANY ($2::uuid[]))`, [id, scope]);
    return row?.name ?? null;
  }
}
