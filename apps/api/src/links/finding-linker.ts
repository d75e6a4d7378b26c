import { Injectable } from '@nestjs/common';
import { cweRelated, matchComponents, relevantThreats, type ModelComponent, type ModelThreat, type PwnismsLayer, type StrideCategory } from '@escapement/domain';
import type { EntityManager } from 'typeorm';

interface ModelSnapshot {
  modelId: string;
  components: ModelComponent[];
  threats: ModelThreat[];
}

interface FindingFacts {
  id: string;
  service: string;
  repo: string | null;
  path: string | null;
  cwe_ids: number[];
  category: string | null;
}

const BATCH = 5_000;

/**
 * Computes the automatic links of findings to the components and threats of the latest version of
 * every threat model. People's links and removals are separate rows and are never touched here.
 */
@Injectable()
export class FindingLinker {
  /** Relinks the given findings, or every finding when `findingIds` is null (after a model changed). */
  async relink(manager: EntityManager, findingIds: string[] | null): Promise<void> {
    const models = await this.latestModels(manager);
    if (findingIds !== null) {
      for (let i = 0; i < findingIds.length; i += BATCH) await this.relinkBatch(manager, models, await this.facts(manager, findingIds.slice(i, i + BATCH)));
      return;
    }
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch: FindingFacts[] = await manager.query(`${FACTS} WHERE f.id > $1 ORDER BY f.id LIMIT ${BATCH}`, [after]);
      if (batch.length === 0) return;
      await this.relinkBatch(manager, models, batch);
      after = batch[batch.length - 1].id;
    }
  }

  private facts(manager: EntityManager, ids: string[]): Promise<FindingFacts[]> {
    return manager.query(`${FACTS} WHERE f.id = ANY($1::uuid[])`, [ids]);
  }

  private async relinkBatch(manager: EntityManager, models: ModelSnapshot[], findings: FindingFacts[]): Promise<void> {
    if (findings.length === 0) return;
    await manager.query(`DELETE FROM finding_links WHERE source = 'auto' AND finding_id = ANY($1::uuid[])`, [findings.map((f) => f.id)]);
    const rows: { finding: string; model: string; component: string; threat: string }[] = [];
    for (const finding of findings) {
      for (const model of models) {
        for (const component of matchComponents({ service: finding.service, repo: finding.repo, path: finding.path }, model.components)) {
          rows.push({ finding: finding.id, model: model.modelId, component, threat: '' });
          const ofComponent = model.threats.filter((t) => t.componentKeys.includes(component));
          for (const threat of relevantThreats({ cweIds: finding.cwe_ids, category: finding.category }, ofComponent, cweRelated)) {
            rows.push({ finding: finding.id, model: model.modelId, component, threat: threat.key });
          }
        }
      }
    }
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO finding_links (finding_id, threat_model_id, component_key, threat_key, source)
       SELECT * , 'auto' FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])
       ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.finding), rows.map((r) => r.model), rows.map((r) => r.component), rows.map((r) => r.threat)],
    );
  }

  private async latestModels(manager: EntityManager): Promise<ModelSnapshot[]> {
    const versions: { model_id: string; version_id: string }[] = await manager.query(
      `SELECT DISTINCT ON (threat_model_id) threat_model_id AS model_id, id AS version_id
         FROM threat_model_versions ORDER BY threat_model_id, version_number DESC`,
    );
    const snapshots: ModelSnapshot[] = [];
    for (const { model_id, version_id } of versions) {
      const components: {
        key: string; name: string; description: string | null; type: string | null; trust_zone_key: string | null; parent_key: string | null;
        layer: PwnismsLayer | null; match_repos: string[]; match_paths: string[]; match_services: string[];
      }[] = await manager.query(`SELECT * FROM tm_components WHERE version_id = $1`, [version_id]);
      const threats: {
        key: string; title: string; description: string | null; component_keys: string[]; stride: StrideCategory | null; layer: PwnismsLayer | null;
        cwe_ids: number[]; severity: ModelThreat['severity']; status: ModelThreat['status'];
      }[] = await manager.query(`SELECT * FROM tm_threats WHERE version_id = $1`, [version_id]);
      snapshots.push({
        modelId: model_id,
        components: components.map((c) => ({
          key: c.key,
          name: c.name,
          description: c.description,
          type: c.type,
          trustZoneKey: c.trust_zone_key,
          parentKey: c.parent_key,
          layer: c.layer,
          matchRules: { repos: c.match_repos, paths: c.match_paths, services: c.match_services },
        })),
        threats: threats.map((t) => ({
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
        })),
      });
    }
    return snapshots;
  }
}

const FACTS = `SELECT f.id, s.name AS service, f.repo, f.path, f.cwe_ids, f.category FROM findings f JOIN services s ON s.id = f.service_id`;
