import { componentMatcher, cweRelated, relevantThreats, type ComponentMatcher, type GlobLimits, type ModelThreat } from '@escapement/domain';
import { toModelComponent, toModelThreat, type ModelComponentRow, type ModelThreatRow } from '../threat-models/model-rows';
import type { AutoLink, FindingFacts, LatestModelVersion } from './finding-links.repository';

/**
 * What automatic linking reads of the threat models, as stored: the latest versions with the services they
 * cover, their components and their threats. Plain rows, so that they can be handed to another thread.
 */
export interface LatestModelRows {
  versions: LatestModelVersion[];
  components: (ModelComponentRow & { version_id: string })[];
  threats: (ModelThreatRow & { version_id: string })[];
}

/** The latest version of one model, its rules compiled once for every finding it is matched against. */
export interface ModelSnapshot {
  modelId: string;
  match: ComponentMatcher;
  threatsOf: ReadonlyMap<string, ModelThreat[]>;
}

/** Every model's latest version compiled, listed under each service it covers. */
export function modelSnapshots(rows: LatestModelRows, glob: GlobLimits): Map<string, ModelSnapshot[]> {
  const snapshots = new Map<string, ModelSnapshot[]>();
  for (const { model_id, version_id, services, service_names } of rows.versions) {
    const ofVersion = rows.components.filter((c) => c.version_id === version_id);
    const match = componentMatcher(ofVersion.map(toModelComponent), service_names, glob);
    const threatsOf = new Map<string, ModelThreat[]>();
    for (const t of rows.threats) {
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

/** One finding's automatic links: to each component of its service's models that claims it, and to that component's threats relevant to the finding. */
export function autoLinksOfFinding(models: ReadonlyMap<string, readonly ModelSnapshot[]>, finding: FindingFacts, into: AutoLink[]): void {
  for (const model of models.get(finding.service_id) ?? []) {
    for (const component of model.match({ service: finding.service, repo: finding.repo, path: finding.path })) {
      into.push({ finding: finding.id, model: model.modelId, component, threat: '' });
      for (const threat of relevantThreats({ cweIds: finding.cwe_ids, category: finding.category }, model.threatsOf.get(component) ?? [], cweRelated)) {
        into.push({ finding: finding.id, model: model.modelId, component, threat: threat.key });
      }
    }
  }
}
