import type { MitigationStatus } from '../threat-models/threat-model';

/** A threat model as `GET /api/v1/threat-models` lists it. */
export interface ThreatModelDto {
  id: string;
  serviceId: string;
  service: string;
  name: string;
  latestVersion: number | null;
  createdAt: string;
}

export interface ThreatModelVersionCounts {
  components: number;
  threats: number;
  trustZones: number;
  trustBoundaries: number;
}

/** One imported version of a threat model, without its parts. */
export interface ThreatModelVersionDto {
  id: string;
  threatModelId: string;
  version: number;
  /** From when this version describes the system. */
  effectiveFrom: string;
  format: string;
  name: string;
  sourceVersion: string | null;
  description: string | null;
  sha256: string;
  fileName: string | null;
  importedAt: string;
  counts: ThreatModelVersionCounts;
  /** Services besides the model's own whose findings this version places. */
  alsoServices: string[];
}

/** `GET /api/v1/threat-models/:id`: the model and all its versions. */
export interface ThreatModelDetailDto extends ThreatModelDto {
  versions: ThreatModelVersionDto[];
}

/** `POST /api/v1/threat-models`: the model, the version the upload made (or found), and whether it is new. */
export interface ThreatModelImportDto {
  model: ThreatModelDto;
  version: ThreatModelVersionDto;
  /** False when the same content and date were imported before. */
  created: boolean;
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
  status: MitigationStatus | null;
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

export interface TrustZoneDto {
  key: string;
  name: string;
  /** 0 (untrusted) to 100 (fully trusted). */
  trustRating: number | null;
  description: string | null;
}

export interface TrustBoundaryDto {
  key: string;
  name: string;
  fromZone: string | null;
  toZone: string | null;
  /** Keys of the components that cross it. */
  crossing: string[];
}

/** `GET /api/v1/threat-models/:id/versions/:version`: a version with all its parts. */
export interface ThreatModelVersionDetailDto extends ThreatModelVersionDto {
  components: ModelComponentDto[];
  threats: ModelThreatDto[];
  trustZones: TrustZoneDto[];
  trustBoundaries: TrustBoundaryDto[];
}
