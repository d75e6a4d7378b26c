import { Inject, Injectable } from '@nestjs/common';
import {
  componentMatcher,
  cweRelated,
  relevantThreats,
  type ComponentMatcher,
  type ModelThreat,
  type PwnismsLayer,
  type StrideCategory,
} from '@escapement/domain';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventLoopTurns } from './event-loop-turns';

/** The latest version of one service's model, its rules compiled once for the whole relink. */
interface ModelSnapshot {
  modelId: string;
  match: ComponentMatcher;
  threatsOf: ReadonlyMap<string, ModelThreat[]>;
}

interface FindingFacts {
  id: string;
  service_id: string;
  service: string;
  repo: string | null;
  path: string | null;
  cwe_ids: number[];
  category: string | null;
}

/** What to relink: some findings, every finding of one service (its model changed), or everything. */
export type RelinkScope = { findingIds: string[] } | { serviceId: string } | 'all';

const BATCH = 5_000;

/**
 * Computes the automatic links of findings to the components and threats of the latest version of
 * the threat model of their own service. A model is about its service: its components never claim a
 * finding of another service, whatever their rules say, so an upload for one team's service cannot
 * move another team's links or gap figures. People's links and removals are separate rows and are
 * never touched here.
 *
 * Matching runs on the request's thread, so it gives the event loop a turn every few milliseconds:
 * a large model relinking thousands of findings must not stop the server answering others.
 */
@Injectable()
export class FindingLinker {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Relinks the findings in scope; `string[]`/null are the short forms of `{ findingIds }`/`'all'`. */
  async relink(manager: EntityManager, scope: RelinkScope | string[] | null): Promise<void> {
    const resolved: RelinkScope = scope === null ? 'all' : Array.isArray(scope) ? { findingIds: scope } : scope;
    if (typeof resolved === 'object' && 'findingIds' in resolved && resolved.findingIds.length === 0) return;
    const models = await this.latestModels(manager, typeof resolved === 'object' && 'serviceId' in resolved ? resolved.serviceId : null);
    const turns = new EventLoopTurns();
    if (typeof resolved === 'object' && 'findingIds' in resolved) {
      const ids = resolved.findingIds;
      for (let i = 0; i < ids.length; i += BATCH) {
        await this.relinkBatch(manager, models, await manager.query(`${FACTS} WHERE f.id = ANY($1::uuid[])`, [ids.slice(i, i + BATCH)]), turns);
      }
      return;
    }
    if (typeof resolved === 'object') {
      // Links of other services' findings to this model, left by an earlier rule, go too.
      await manager.query(`DELETE FROM finding_links WHERE source = 'auto' AND threat_model_id IN (SELECT id FROM threat_models WHERE service_id = $1)`, [resolved.serviceId]);
    }
    const serviceId = typeof resolved === 'object' ? resolved.serviceId : null;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch: FindingFacts[] = await manager.query(`${FACTS} WHERE f.id > $1 AND ($2::uuid IS NULL OR f.service_id = $2) ORDER BY f.id LIMIT ${BATCH}`, [after, serviceId]);
      if (batch.length === 0) return;
      await this.relinkBatch(manager, models, batch, turns);
      after = batch[batch.length - 1].id;
    }
  }

  private async relinkBatch(manager: EntityManager, models: ReadonlyMap<string, ModelSnapshot>, findings: FindingFacts[], turns: EventLoopTurns): Promise<void> {
    if (findings.length === 0) return;
    await manager.query(`DELETE FROM finding_links WHERE source = 'auto' AND finding_id = ANY($1::uuid[])`, [findings.map((f) => f.id)]);
    const rows: { finding: string; model: string; component: string; threat: string }[] = [];
    for (const finding of findings) {
      await turns.maybeYield();
      const model = models.get(finding.service_id);
      if (!model) continue;
      for (const component of model.match({ service: finding.service, repo: finding.repo, path: finding.path })) {
        rows.push({ finding: finding.id, model: model.modelId, component, threat: '' });
        for (const threat of relevantThreats({ cweIds: finding.cwe_ids, category: finding.category }, model.threatsOf.get(component) ?? [], cweRelated)) {
          rows.push({ finding: finding.id, model: model.modelId, component, threat: threat.key });
        }
      }
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      await manager.query(
        `INSERT INTO finding_links (finding_id, threat_model_id, component_key, threat_key, source)
         SELECT * , 'auto' FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])
         ON CONFLICT DO NOTHING`,
        [chunk.map((r) => r.finding), chunk.map((r) => r.model), chunk.map((r) => r.component), chunk.map((r) => r.threat)],
      );
    }
  }

  /** The latest version of each service's model (or of one service's), keyed by service id. */
  private async latestModels(manager: EntityManager, serviceId: string | null): Promise<Map<string, ModelSnapshot>> {
    const versions: { model_id: string; version_id: string; service_id: string; service: string }[] = await manager.query(
      `SELECT DISTINCT ON (v.threat_model_id) v.threat_model_id AS model_id, v.id AS version_id, m.service_id, s.name AS service
         FROM threat_model_versions v JOIN threat_models m ON m.id = v.threat_model_id JOIN services s ON s.id = m.service_id
        WHERE $1::uuid IS NULL OR m.service_id = $1
        ORDER BY v.threat_model_id, v.version_number DESC`,
      [serviceId],
    );
    const versionIds = versions.map((v) => v.version_id);
    const components: {
      version_id: string; key: string; name: string; description: string | null; type: string | null; trust_zone_key: string | null; parent_key: string | null;
      layer: PwnismsLayer | null; match_repos: string[]; match_paths: string[]; match_services: string[];
    }[] = versionIds.length ? await manager.query(`SELECT * FROM tm_components WHERE version_id = ANY($1::uuid[])`, [versionIds]) : [];
    const threats: {
      version_id: string; key: string; title: string; description: string | null; component_keys: string[]; stride: StrideCategory | null; layer: PwnismsLayer | null;
      cwe_ids: number[]; severity: ModelThreat['severity']; status: ModelThreat['status'];
    }[] = versionIds.length ? await manager.query(`SELECT * FROM tm_threats WHERE version_id = ANY($1::uuid[])`, [versionIds]) : [];
    const snapshots = new Map<string, ModelSnapshot>();
    for (const { model_id, version_id, service_id, service } of versions) {
      const ofVersion = components.filter((c) => c.version_id === version_id);
      const match = componentMatcher(
        ofVersion.map((c) => ({
          key: c.key,
          name: c.name,
          description: c.description,
          type: c.type,
          trustZoneKey: c.trust_zone_key,
          parentKey: c.parent_key,
          layer: c.layer,
          matchRules: { repos: c.match_repos, paths: c.match_paths, services: c.match_services },
        })),
        [service],
        this.config.threatModels.glob,
      );
      const threatsOf = new Map<string, ModelThreat[]>();
      for (const t of threats) {
        if (t.version_id !== version_id) continue;
        const threat: ModelThreat = {
          key: t.key,
          title: t.title,
          description: t.description,
          componentKeys: t.component_keys,
          stride: t.stride,
          layer: t.layer,
          cweIds: t.cwe_ids,
          severity: t.severity,
          status: t.status,
          mitigations: [],
        };
        for (const key of t.component_keys) {
          const list = threatsOf.get(key);
          if (list) list.push(threat);
          else threatsOf.set(key, [threat]);
        }
      }
      snapshots.set(service_id, { modelId: model_id, match, threatsOf });
    }
    return snapshots;
  }
}

const FACTS = `SELECT f.id, f.service_id, s.name AS service, f.repo, f.path, f.cwe_ids, f.category FROM findings f JOIN services s ON s.id = f.service_id`;
