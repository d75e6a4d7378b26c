import { Injectable } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { TeamScope } from '../auth/principal';
import { forbidden } from '../common/domain-error';
import { ServicesRepository } from './services.repository';

function refuse(names: string[]): never {
  throw forbidden(`Not a service of your team: ${names.join(', ')}. A team-limited token writes only to its team's services.`);
}

/** Who may write findings, threat models and changes to which service. */
@Injectable()
export class ServiceOwnership {
  constructor(private readonly services: ServicesRepository) {}

  /**
   * Creates the services an upload names that do not exist yet, and refuses the upload when the caller
   * may not write to one of them. A caller limited to a team writes only to that team's services, and a
   * service it names first is created in its team (so it can read back what it wrote). Call inside the
   * upload's transaction, after its advisory locks.
   */
  async claim(manager: EntityManager, names: readonly string[], teams: TeamScope): Promise<void> {
    await this.services.createMissing(manager, names, teams === null ? null : teams[0]);
    if (teams === null) return;
    const foreign = await this.services.foreignTo(manager, names, teams);
    if (foreign.length) refuse(foreign);
  }

  /** The same refusal before any work, for an upload that names its service up front. */
  async checkWritable(runner: DataSource | EntityManager, name: string, teams: TeamScope): Promise<void> {
    if (teams === null) return;
    const teamId = await this.services.teamOf(runner, name.trim());
    if (teamId !== undefined && (teamId === null || !teams.includes(teamId))) refuse([name.trim()]);
  }
}
