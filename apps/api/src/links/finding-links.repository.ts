import { Injectable } from '@nestjs/common';
import type { TeamScope } from '../auth/principal';
import type { EntityManager } from 'typeorm';
import type { ModelComponentRow, ModelThreatRow } from '../threat-models/model-rows';
import type { LatestModelRows } from './model-snapshots';

/** What the automatic linking reads of a finding. */
export interface FindingFacts {
  id: string;
  service_id: string;
  service: string;
  repo: string | null;
  path: string | null;
  cwe_ids: number[];
  category: string | null;
}

export interface AutoLink {
  finding: string;
  model: string;
  component: string;
  /** '' for a link to the component alone. */
  threat: string;
}

/** The latest version of a model and the services it covers (its own and those its latest version names). */
export interface LatestModelVersion {
  model_id: string;
  version_id: string;
  services: string[];
  service_names: string[];
}

/** A finding as a person's link sees it: its service, and whether the named model covers that service. */
export interface LinkTargetFacts {
  service: string;
  model_service: string | null;
  covered: boolean;
}

const FACTS = `SELECT f.id, f.service_id, s.name AS service, f.repo, f.path, f.cwe_ids, f.category FROM findings f JOIN services s ON s.id = f.service_id`;

/** Links of findings to threat-model components and threats: the automatic ones and people's. */
@Injectable()
export class FindingLinksRepository {
  /** Up to `limit` findings after the id `after` (in id order), of `serviceIds` (null: of every service). */
  factsAfter(manager: EntityManager, after: string, serviceIds: string[] | null, limit: number): Promise<FindingFacts[]> {
    return manager.query(`${FACTS} WHERE f.id > $1 AND ($2::uuid[] IS NULL OR f.service_id = ANY($2::uuid[])) ORDER BY f.id LIMIT ${Number(limit)}`, [after, serviceIds]);
  }

  factsOf(manager: EntityManager, ids: string[]): Promise<FindingFacts[]> {
    return manager.query(`${FACTS} WHERE f.id = ANY($1::uuid[])`, [ids]);
  }

  async servicesOf(manager: EntityManager, findingIds: string[]): Promise<string[]> {
    const rows: { service_id: string }[] = await manager.query(`SELECT DISTINCT service_id FROM findings WHERE id = ANY($1::uuid[])`, [findingIds]);
    return rows.map((row) => row.service_id);
  }

  async deleteAutoLinksOfModel(manager: EntityManager, modelId: string): Promise<void> {
    await manager.query(`DELETE FROM finding_links WHERE source = 'auto' AND threat_model_id = $1`, [modelId]);
  }

  async deleteAutoLinksOf(manager: EntityManager, findingIds: string[]): Promise<void> {
    await manager.query(`DELETE FROM finding_links WHERE source = 'auto' AND finding_id = ANY($1::uuid[])`, [findingIds]);
  }

  async insertAutoLinks(manager: EntityManager, links: readonly AutoLink[]): Promise<void> {
    await manager.query(
      `INSERT INTO finding_links (finding_id, threat_model_id, component_key, threat_key, source)
       SELECT * , 'auto' FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])
       ON CONFLICT DO NOTHING`,
      [links.map((r) => r.finding), links.map((r) => r.model), links.map((r) => r.component), links.map((r) => r.threat)],
    );
  }

  /** The latest version of every model covering one of `serviceIds` (null: every model). */
  latestVersions(manager: EntityManager, serviceIds: string[] | null): Promise<LatestModelVersion[]> {
    return manager.query(
      `SELECT l.model_id, l.version_id, l.services, array(SELECT s.name FROM services s WHERE s.id = ANY(l.services) ORDER BY s.name) AS service_names
         FROM (SELECT DISTINCT ON (v.threat_model_id) v.threat_model_id AS model_id, v.id AS version_id, m.service_id || v.also_services AS services
                 FROM threat_model_versions v JOIN threat_models m ON m.id = v.threat_model_id
                ORDER BY v.threat_model_id, v.version_number DESC) l
        WHERE $1::uuid[] IS NULL OR l.services && $1::uuid[]`,
      [serviceIds],
    );
  }

  /** The latest versions of the models covering `serviceIds` (null: every service), with their components and threats. */
  async latestModelRows(manager: EntityManager, serviceIds: string[] | null): Promise<LatestModelRows> {
    const versions = await this.latestVersions(manager, serviceIds);
    const versionIds = versions.map((v) => v.version_id);
    return { versions, components: await this.componentsOf(manager, versionIds), threats: await this.threatsOf(manager, versionIds) };
  }

  private async componentsOf(manager: EntityManager, versionIds: string[]): Promise<(ModelComponentRow & { version_id: string })[]> {
    return versionIds.length ? manager.query(`SELECT * FROM tm_components WHERE version_id = ANY($1::uuid[])`, [versionIds]) : [];
  }

  private async threatsOf(manager: EntityManager, versionIds: string[]): Promise<(ModelThreatRow & { version_id: string })[]> {
    return versionIds.length ? manager.query(`SELECT * FROM tm_threats WHERE version_id = ANY($1::uuid[])`, [versionIds]) : [];
  }

  /** The finding (if `teams` may see it) and whether the model covers its service; null when not found. */
  async linkTarget(manager: EntityManager, findingId: string, threatModelId: string, teams: TeamScope): Promise<LinkTargetFacts | null> {
    const [finding]: LinkTargetFacts[] = await manager.query(
      `SELECT s.name AS service, ms.name AS model_service,
              (f.service_id = m.service_id OR f.service_id = ANY (coalesce(latest.also_services, '{}'))) AS covered
         FROM findings f JOIN services s ON s.id = f.service_id
         LEFT JOIN threat_models m ON m.id = $2::uuid
         LEFT JOIN services ms ON ms.id = m.service_id
         LEFT JOIN LATERAL (SELECT v.also_services FROM threat_model_versions v WHERE v.threat_model_id = m.id ORDER BY v.version_number DESC LIMIT 1) latest ON true
        WHERE f.id = $1 AND ($3::uuid[] IS NULL OR s.team_id = ANY ($3::uuid[]))`,
      [findingId, threatModelId, teams],
    );
    return finding ?? null;
  }

  /** Whether some version of the model has the component, and the threat ('' asks about none). */
  async knownKeys(manager: EntityManager, threatModelId: string, componentKey: string, threatKey: string): Promise<{ component: boolean; threat: boolean }> {
    const [known] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM tm_components c JOIN threat_model_versions v ON v.id = c.version_id WHERE v.threat_model_id = $1 AND c.key = $2) AS component,
              ($3 = '' OR EXISTS (SELECT 1 FROM tm_threats t JOIN threat_model_versions v ON v.id = t.version_id WHERE v.threat_model_id = $1 AND t.key = $3)) AS threat`,
      [threatModelId, componentKey, threatKey],
    );
    return known;
  }

  /** One manual row per link: the latest decision (a link or its removal) replaces the previous one. */
  async replaceManualLink(
    manager: EntityManager,
    link: { findingId: string; threatModelId: string; componentKey: string; threatKey: string },
    removed: boolean,
    actor: string | null,
  ): Promise<void> {
    const key = [link.findingId, link.threatModelId, link.componentKey, link.threatKey];
    await manager.query(`DELETE FROM finding_links WHERE source = 'manual' AND finding_id = $1 AND threat_model_id = $2 AND component_key = $3 AND threat_key = $4`, key);
    await manager.query(
      `INSERT INTO finding_links (finding_id, threat_model_id, component_key, threat_key, source, removed, created_by) VALUES ($1, $2, $3, $4, 'manual', $5, $6)`,
      [...key, removed, actor],
    );
  }
}
