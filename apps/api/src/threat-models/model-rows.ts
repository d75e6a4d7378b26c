import type { ModelComponent, ModelMitigation, ModelThreat, PwnismsLayer, Severity, StrideCategory, ThreatStatus } from '@escapement/domain';

/** A `tm_components` row as stored: the columns every reader of a model version's components needs. */
export interface ModelComponentRow {
  key: string;
  name: string;
  description: string | null;
  type: string | null;
  trust_zone_key: string | null;
  parent_key: string | null;
  layer: PwnismsLayer | null;
  match_repos: string[];
  match_paths: string[];
  match_services: string[];
}

/** A `tm_threats` row as stored, without its mitigations (read separately by those who need them). */
export interface ModelThreatRow {
  key: string;
  title: string;
  description: string | null;
  component_keys: string[];
  stride: StrideCategory | null;
  layer: PwnismsLayer | null;
  cwe_ids: number[];
  severity: Severity | null;
  status: ThreatStatus;
}

/** The domain's component from its stored row: one mapping for linking, context packs and the rest. */
export function toModelComponent(row: ModelComponentRow): ModelComponent {
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    type: row.type,
    trustZoneKey: row.trust_zone_key,
    parentKey: row.parent_key,
    layer: row.layer,
    matchRules: { repos: row.match_repos, paths: row.match_paths, services: row.match_services },
  };
}

/** The domain's threat from its stored row and the mitigations its reader loaded (none for linking). */
export function toModelThreat(row: ModelThreatRow, mitigations: ModelMitigation[] = []): ModelThreat {
  return {
    key: row.key,
    title: row.title,
    description: row.description,
    componentKeys: row.component_keys,
    stride: row.stride,
    layer: row.layer,
    cweIds: row.cwe_ids,
    severity: row.severity,
    status: row.status,
    mitigations,
  };
}
