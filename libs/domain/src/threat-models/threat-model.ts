import type { Severity } from '../model/finding';
import type { PwnismsLayer, StrideCategory } from '../model/pwnisms';

/**
 * A threat model as Escapement stores it, whatever file it came from (Open Threat Model, OWASP Threat
 * Dragon v2, Threagile, or the native format in docs/threat-models.md). Keys are the source's own ids, so that a
 * re-import of the next version of the same file keeps pointing at the same things.
 */
export const THREAT_MODEL_FORMATS = ['otm', 'threat-dragon', 'threagile', 'native'] as const;
export type ThreatModelFormat = (typeof THREAT_MODEL_FORMATS)[number];

/**
 * What ties findings to a component. Each non-empty list must match; an empty list places no
 * condition; a component whose lists are all empty matches nothing (see `matchComponents`).
 */
export interface ComponentMatchRules {
  repos: string[];
  /** Globs over repository-relative paths: `**`, `*`, `?`, `{a,b}`, `[abc]`. */
  paths: string[];
  services: string[];
}

export interface ModelComponent {
  key: string;
  name: string;
  description: string | null;
  type: string | null;
  trustZoneKey: string | null;
  parentKey: string | null;
  layer: PwnismsLayer | null;
  matchRules: ComponentMatchRules;
}

export interface ModelTrustZone {
  key: string;
  name: string;
  /** 0 (untrusted, e.g. the internet) to 100 (fully trusted), as OTM rates zones. */
  trustRating: number | null;
  description: string | null;
}

export interface ModelTrustBoundary {
  key: string;
  name: string;
  fromZoneKey: string | null;
  toZoneKey: string | null;
  /** Components at either end of a data flow that crosses the boundary. */
  crossingComponentKeys: string[];
}

export const MITIGATION_STATUSES = ['planned', 'implemented', 'verified', 'rejected'] as const;
export type MitigationStatus = (typeof MITIGATION_STATUSES)[number];

export interface ModelMitigation {
  key: string;
  title: string;
  description: string | null;
  status: MitigationStatus | null;
}

export const THREAT_STATUSES = ['open', 'mitigated', 'accepted', 'not_applicable'] as const;
export type ThreatStatus = (typeof THREAT_STATUSES)[number];

export interface ModelThreat {
  key: string;
  title: string;
  description: string | null;
  /** Empty for a threat to the system as a whole. */
  componentKeys: string[];
  stride: StrideCategory | null;
  layer: PwnismsLayer | null;
  /** Sorted and unique. */
  cweIds: number[];
  severity: Severity | null;
  status: ThreatStatus;
  mitigations: ModelMitigation[];
}

export interface ThreatModelDocument {
  format: ThreatModelFormat;
  name: string;
  /** The model's own version when the file states one; never the file format's version. */
  version: string | null;
  description: string | null;
  components: ModelComponent[];
  trustZones: ModelTrustZone[];
  trustBoundaries: ModelTrustBoundary[];
  threats: ModelThreat[];
}

export function noMatchRules(): ComponentMatchRules {
  return { repos: [], paths: [], services: [] };
}
