import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import type { TeamScope } from '../auth/principal';
import { invalid, notFound } from '../common/domain-error';
import { FindingLinksRepository } from './finding-links.repository';

export interface LinkTarget {
  threatModelId: string;
  componentKey: string;
  threatKey?: string;
}

/**
 * People's links: adding or removing one wins over the automatic linking, and is audited. As the
 * automatic links are, a person's link stays within the finding's service: it names a component of
 * that service's model. A caller limited to teams links its teams' findings only (others are 404).
 */
@Injectable()
export class FindingLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly links: FindingLinksRepository,
  ) {}

  async add(findingId: string, target: LinkTarget, actor: string | null, teams: TeamScope = null): Promise<void> {
    await this.change(findingId, target, false, actor, teams);
  }

  async remove(findingId: string, target: LinkTarget, actor: string | null, teams: TeamScope = null): Promise<void> {
    await this.change(findingId, target, true, actor, teams);
  }

  private async change(findingId: string, target: LinkTarget, removed: boolean, actor: string | null, teams: TeamScope): Promise<void> {
    const threatKey = target.threatKey ?? '';
    await this.dataSource.transaction(async (manager) => {
      const finding = await this.links.linkTarget(manager, findingId, target.threatModelId, teams);
      if (!finding) throw notFound('Finding', findingId);
      if (finding.model_service !== null && !finding.covered) {
        const message = `describes service "${finding.model_service}", which does not cover the finding's service "${finding.service}"`;
        throw invalid(`Threat model ${target.threatModelId} ${message}`, [{ pointer: '/threatModelId', message }]);
      }
      const known = await this.links.knownKeys(manager, target.threatModelId, target.componentKey, threatKey);
      if (!known.component) throw invalid(`Threat model ${target.threatModelId} has no component "${target.componentKey}"`, [{ pointer: '/componentKey', message: 'no such component' }]);
      if (!known.threat) throw invalid(`Threat model ${target.threatModelId} has no threat "${threatKey}"`, [{ pointer: '/threatKey', message: 'no such threat' }]);
      await this.links.replaceManualLink(manager, { findingId, threatModelId: target.threatModelId, componentKey: target.componentKey, threatKey }, removed, actor);
      await this.audit.record(manager, {
        actor,
        action: removed ? 'finding.link_removed' : 'finding.link_added',
        subjectType: 'finding',
        subjectId: findingId,
        details: { threatModelId: target.threatModelId, componentKey: target.componentKey, threatKey: threatKey || null },
      });
    });
  }
}
