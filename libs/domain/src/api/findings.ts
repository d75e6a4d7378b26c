import type { DetectionStage } from '../model/detection-stage';
import type { FindingClass, FindingStatus, Severity, SourceKind } from '../model/finding';

export interface FindingLocationDto {
  repo: string | null;
  path: string | null;
  line: number | null;
}

/** A finding as `GET /api/v1/findings` lists it. */
export interface FindingDto {
  id: string;
  serviceId: string;
  serviceName: string;
  teamId: string | null;
  fingerprint: string;
  title: string;
  severity: Severity;
  cweIds: number[];
  ruleId: string | null;
  tool: string | null;
  sourceKind: SourceKind;
  location: FindingLocationDto;
  introducedAt: string | null;
  introducedCommit: string | null;
  firstDetectedAt: string;
  firstDetectedStage: DetectionStage;
  status: FindingStatus;
  findingClass: FindingClass;
  classRule: string | null;
  classReason: string | null;
  /** Category from the classification, e.g. authorization. */
  category: string | null;
  /** PWNISMS layer of the weakness. */
  layer: string | null;
  /** Why an escape was not stopped: context_gap, model_gap or unmodelled. */
  gap: string;
}

/** One sighting of a finding. */
export interface FindingDetectionDto {
  stage: DetectionStage;
  sourceKind: SourceKind;
  tool: string | null;
  importId: string | null;
  commit: string | null;
  detectedAt: string;
}

export interface FindingLinkThreatDto {
  key: string;
  title: string | null;
  stride: string | null;
  cweIds: number[];
  /** When the threat first appeared in any version of the model. */
  firstEffectiveFrom: string | null;
}

/** A finding's link to a threat-model component, and to one of its threats. */
export interface FindingLinkDto {
  threatModelId: string;
  service: string;
  component: { key: string; name: string | null; layer: string | null };
  /** Null for a link to the component alone. */
  threat: FindingLinkThreatDto | null;
  source: 'auto' | 'manual';
}

/** `GET /api/v1/findings/:id`: the finding, its sightings and its threat-model links. */
export interface FindingDetailDto extends FindingDto {
  /** Set when a person chose the class; `classRule` is then `override`. */
  override: { by: string | null; at: string } | null;
  fixedAt: string | null;
  boundary: DetectionStage;
  escaped: boolean;
  detections: FindingDetectionDto[];
  links: FindingLinkDto[];
}
