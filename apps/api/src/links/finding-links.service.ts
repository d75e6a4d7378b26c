import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import type { TeamScope } from '../auth/principal';
import { invalid, notFound } from '../common/domain-error';

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
      const [finding]: { service: string; model_service: string | null; covered: boolean }[] = await manager.query(
        `SELECT s.name AS service, ms.name AS model_service,
                (f.service_id = m.service_id OR f.service_id = ANY (coalesce(latest.also_services, '{}'))) AS covered
           FROM findings f JOIN services s ON s.id = f.service_id
           LEFT JOIN threat_models m ON m.id = $2::uuid
           LEFT JOIN services ms ON ms.id = m.service_id
           LEFT JOIN LATERAL (SELECT v.also_services FROM threat_model_versions v WHERE v.threat_model_id = m.id ORDER BY v.version_number DESC LIMIT 1) latest ON true
          WHERE f.id = $1 AND ($3::uuid[] IS NULL OR s.team_id = ANY ($3::uuid[]))`,
        [findingId, target.threatModelId, teams],
      );
      if (!finding) throw notFound('Finding', findingId);
      if (finding.model_service !== null && !finding.covered) {
        const message = `describes service "${finding.model_service}", which does not cover the finding's service "${finding.service}"`;
        throw invalid(`Threat model ${target.threatModelId} ${message}`, [{ pointer: '/threatModelId', message }]);
      }
      const [known] = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM tm_components c JOIN threat_model_versions v ON v.id = c.version_id WHERE v.threat_model_id = $1 AND c.key = $2) AS component,
                ($3 = '' OR EXISTS (SELECT 1 FROM tm_threats t JOIN threat_model_versions v ON v.id = t.version_id WHERE v.threat_model_id = $1 AND t.key = $3)) AS threat`,
        [target.threatModelId, target.componentKey, threatKey],
      );
      if (!known.component) throw invalid(`Threat model ${target.threatModelId} has no component "${target.componentKey}"`, [{ pointer: '/componentKey', message: 'no such component' }]);
      if (!known.threat) throw invalid(`Threat model ${target.threatModelId} has no threat "${threatKey}"`, [{ pointer: '/threatKey', message: 'no such threat' }]);
      // One manual row per link: the latest decision replaces the previous one.
      await manager.query(
        `DELETE FROM finding_links WHERE source = 'manual' AND finding_id = $1 AND threat_model_id = $2 AND component_key = $3 AND threat_key = $4`,
        [findingId, target.threatModelId, target.componentKey, threatKey],
      );
      await manager.query(
        `INSERT INTO finding_links (finding_id, threat_model_id, component_key, threat_key, source, removed, created_by) VALUES ($1, $2, $3, $4, 'manual', $5, $6)`,
        [findingId, target.threatModelId, target.componentKey, threatKey, removed, actor],
      );
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
