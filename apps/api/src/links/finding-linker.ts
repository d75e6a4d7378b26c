import { Inject, Injectable } from '@nestjs/common';
import {
  componentMatcher,
  cweRelated,
  relevantThreats,
  type ComponentMatcher,
  type ModelThreat,
} from '@escapement/domain';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { toModelComponent, toModelThreat, type ModelComponentRow, type ModelThreatRow } from '../threat-models/model-rows';
import { EventLoopTurns } from './event-loop-turns';

/** The latest version of one model, its rules compiled once for the whole relink. */
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

/** What to relink: some findings, the findings of a changed model's services, or everything. */
export type RelinkScope = { findingIds: string[] } | { modelId: string; serviceIds: string[] } | 'all';

const BATCH = 5_000;

/**
 * Computes the automatic links of findings to the components and threats of the latest version of
 * each threat model that covers their service. A model covers its own service, and the services its
 * latest version could claim (named in its `services` rules and writable by its uploader): its
 * components never claim a finding of any other service, whatever their rules say, so an upload for
 * one team's service cannot move another team's links or gap figures. People's links and removals are
 * separate rows and are never touched here.
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
    const turns = new EventLoopTurns();
    if (resolved !== 'all' && 'findingIds' in resolved) return this.relinkFindings(manager, resolved.findingIds, turns);
    const serviceIds = resolved === 'all' ? null : resolved.serviceIds;
    // Links to a changed model that earlier rules made outside its scope go too.
    if (resolved !== 'all') await manager.query(`DELETE FROM finding_links WHERE source = 'auto' AND threat_model_id = $1`, [resolved.modelId]);
    const models = await this.latestModels(manager, serviceIds);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch: FindingFacts[] = await manager.query(`${FACTS} WHERE f.id > $1 AND ($2::uuid[] IS NULL OR f.service_id = ANY($2::uuid[])) ORDER BY f.id LIMIT ${BATCH}`, [
        after,
        serviceIds,
      ]);
      if (batch.length === 0) return;
      await this.relinkBatch(manager, models, batch, turns);
      after = batch[batch.length - 1].id;
    }
  }

  private async relinkFindings(manager: EntityManager, ids: string[], turns: EventLoopTurns): Promise<void> {
    if (ids.length === 0) return;
    // Only the models covering these findings' services are read and compiled.
    const services: { service_id: string }[] = await manager.query(`SELECT DISTINCT service_id FROM findings WHERE id = ANY($1::uuid[])`, [ids]);
    const models = await this.latestModels(manager, services.map((row) => row.service_id));
    for (let i = 0; i < ids.length; i += BATCH) {
      await this.relinkBatch(manager, models, await manager.query(`${FACTS} WHERE f.id = ANY($1::uuid[])`, [ids.slice(i, i + BATCH)]), turns);
    }
  }

  private async relinkBatch(manager: EntityManager, models: ReadonlyMap<string, ModelSnapshot[]>, findings: FindingFacts[], turns: EventLoopTurns): Promise<void> {
    if (findings.length === 0) return;
    await manager.query(`DELETE FROM finding_links WHERE source = 'auto' AND finding_id = ANY($1::uuid[])`, [findings.map((f) => f.id)]);
    const rows: { finding: string; model: string; component: string; threat: string }[] = [];
    for (const finding of findings) {
      await turns.maybeYield();
      for (const model of models.get(finding.service_id) ?? []) {
        for (const component of model.match({ service: finding.service, repo: finding.repo, path: finding.path })) {
          rows.push({ finding: finding.id, model: model.modelId, component, threat: '' });
          for (const threat of relevantThreats({ cweIds: finding.cwe_ids, category: finding.category }, model.threatsOf.get(component) ?? [], cweRelated)) {
            rows.push({ finding: finding.id, model: model.modelId, component, threat: threat.key });
          }
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

  /**
   * The latest version of every model covering one of `serviceIds` (null: every model), listed under
   * each service it covers.
   */
  private async latestModels(manager: EntityManager, serviceIds: string[] | null): Promise<Map<string, ModelSnapshot[]>> {
    const versions: { model_id: string; version_id: string; services: string[]; service_names: string[] }[] = await manager.query(
      `SELECT l.model_id, l.version_id, l.services, array(SELECT s.name FROM services s WHERE s.id = ANY(l.services) ORDER BY s.name) AS service_names
         FROM (SELECT DISTINCT ON (v.threat_model_id) v.threat_model_id AS model_id, v.id AS version_id, m.service_id || v.also_services AS services
                 FROM threat_model_versions v JOIN threat_models m ON m.id = v.threat_model_id
                ORDER BY v.threat_model_id, v.version_number DESC) l
        WHERE $1::uuid[] IS NULL OR l.services && $1::uuid[]`,
      [serviceIds],
    );
    const versionIds = versions.map((v) => v.version_id);
    const components: (ModelComponentRow & { version_id: string })[] = versionIds.length ? await manager.query(`SELECT * FROM tm_components WHERE version_id = ANY($1::uuid[])`, [versionIds]) : [];
    const threats: (ModelThreatRow & { version_id: string })[] = versionIds.length ? await manager.query(`SELECT * FROM tm_threats WHERE version_id = ANY($1::uuid[])`, [versionIds]) : [];
    const snapshots = new Map<string, ModelSnapshot[]>();
    for (const { model_id, version_id, services, service_names } of versions) {
      const ofVersion = components.filter((c) => c.version_id === version_id);
      const match = componentMatcher(
        ofVersion.map(toModelComponent),
        service_names,
        this.config.threatModels.glob,
      );
      const threatsOf = new Map<string, ModelThreat[]>();
      for (const t of threats) {
        if (t.version_id !== version_id) continue;
        const threat = toModelThreat(t);
        for (const key of t.component_keys) {
          const list = threatsOf.get(key);
          if (list) list.push(threat);
          else threatsOf.set(key, [threat]);
        }
      }
      const snapshot = { modelId: model_id, match, threatsOf };
      for (const service of services) snapshots.set(service, [...(snapshots.get(service) ?? []), snapshot]);
    }
    return snapshots;
  }
}

const FACTS = `SELECT f.id, f.service_id, s.name AS service, f.repo, f.path, f.cwe_ids, f.category FROM findings f JOIN services s ON s.id = f.service_id`;
