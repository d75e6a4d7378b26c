import type { DetectionStage, TimeBucket } from '@escapement/domain';

/**
 * The threat-model endpoints' shapes as the API sends them. They are declared here until the domain
 * library carries them, as it does the findings and metrics shapes.
 */
export interface ThreatModelSummary {
  id: string;
  serviceId: string;
  service: string;
  name: string;
  latestVersion: number | null;
  createdAt: string;
}

export interface VersionCounts {
  components: number;
  threats: number;
  trustZones: number;
  trustBoundaries: number;
}

export interface ThreatModelVersionSummary {
  id: string;
  threatModelId: string;
  version: number;
  /** From when this version describes the system. */
  effectiveFrom: string;
  format: string;
  name: string;
  sourceVersion: string | null;
  description: string | null;
  fileName: string | null;
  importedAt: string;
  counts: VersionCounts;
}

export interface ThreatModelDetail extends ThreatModelSummary {
  versions: ThreatModelVersionSummary[];
}

export interface ModelComponentDto {
  key: string;
  name: string;
  description: string | null;
  type: string | null;
  trustZone: string | null;
  parent: string | null;
  layer: string | null;
  match: { repos: string[]; paths: string[]; services: string[] };
}

export interface ModelMitigationDto {
  key: string;
  title: string;
  description: string | null;
  status: string | null;
}

export interface ModelThreatDto {
  key: string;
  title: string;
  description: string | null;
  components: string[];
  stride: string | null;
  layer: string | null;
  cweIds: number[];
  severity: string | null;
  status: string;
  mitigations: ModelMitigationDto[];
  /** When the threat first appeared in any version of the model. */
  firstEffectiveFrom: string;
}

export interface ThreatModelVersionDetail extends ThreatModelVersionSummary {
  components: ModelComponentDto[];
  threats: ModelThreatDto[];
  /** Read through `readTrustZone`: the API sends these rows as stored. */
  trustZones: unknown[];
  trustBoundaries: unknown[];
}

export interface GapPoint {
  period: string;
  escaped: number;
  contextGap: number;
  modelGap: number;
  unmodelled: number;
}

export interface GapSeries {
  /** `<service> / <component key>`, or `(unmodelled)`, when grouped by component. */
  key: string;
  points: GapPoint[];
}

export interface GapsResponse {
  boundary: DetectionStage;
  bucket: TimeBucket;
  groupBy: string;
  series: GapSeries[];
}
