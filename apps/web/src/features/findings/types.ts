import type { DetectionStage, FindingDto, SourceKind } from '@escapement/domain';

/**
 * The findings endpoints' shapes as the API sends them today. `FindingDto` in the domain library
 * predates classification categories and threat-model gaps, so the extra fields are declared here
 * until the shared type carries them.
 */
export interface FindingListItem extends FindingDto {
  category: string | null;
  /** PWNISMS layer of the weakness. */
  layer: string | null;
  gap: string;
}

export interface FindingDetection {
  stage: DetectionStage;
  sourceKind: SourceKind | string;
  tool: string | null;
  importId: string | null;
  commit: string | null;
  detectedAt: string;
}

export interface FindingLinkThreat {
  key: string;
  title: string | null;
  stride: string | null;
  cweIds: number[];
  /** When the threat first appeared in any version of the model. */
  firstEffectiveFrom: string | null;
}

export interface FindingLink {
  threatModelId: string;
  service: string;
  component: { key: string; name: string | null; layer: string | null };
  /** Null for a link to the component alone. */
  threat: FindingLinkThreat | null;
  source: 'auto' | 'manual' | string;
}

export interface FindingDetail extends FindingListItem {
  /** Set when a person chose the class; `classRule` is then `override`. */
  override: { by: string | null; at: string } | null;
  fixedAt: string | null;
  boundary: DetectionStage;
  escaped: boolean;
  detections: FindingDetection[];
  links: FindingLink[];
}
