import type { FindingClass, FindingStatus, Severity, SourceKind, StrideCategory } from '@escapement/domain';

/** How the API's ids for findings read in the interface; the ids themselves stay the API's. */

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

export const CLASS_LABELS: Record<FindingClass, string> = {
  design: 'Design-level',
  pattern: 'Pattern-level',
  unclassified: 'Unclassified',
};

export const STATUS_LABELS: Record<FindingStatus, string> = {
  open: 'Open',
  fixed: 'Fixed',
  accepted_risk: 'Accepted risk',
  suppressed: 'Suppressed',
  false_positive: 'False positive',
};

/** Why an escaped finding was not stopped: the three answers the threat-model links give. */
export const FINDING_GAPS = ['context_gap', 'model_gap', 'unmodelled'] as const;
export type FindingGap = (typeof FINDING_GAPS)[number];

export function isFindingGap(value: unknown): value is FindingGap {
  return typeof value === 'string' && (FINDING_GAPS as readonly string[]).includes(value);
}

export const GAP_LABELS: Record<FindingGap, string> = {
  context_gap: 'Context gap',
  model_gap: 'Model gap',
  unmodelled: 'Unmodelled',
};

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  sast: 'SAST',
  sca: 'SCA',
  secrets: 'Secret scanning',
  iac: 'IaC scanning',
  dast: 'DAST',
  code_review: 'Code review',
  threat_model_review: 'Threat-model review',
  pentest: 'Pentest',
  bug_bounty: 'Bug bounty',
  incident: 'Incident',
  other: 'Other',
};

export const STRIDE_LABELS: Record<StrideCategory, string> = {
  spoofing: 'Spoofing',
  tampering: 'Tampering',
  repudiation: 'Repudiation',
  information_disclosure: 'Information disclosure',
  denial_of_service: 'Denial of service',
  elevation_of_privilege: 'Elevation of privilege',
};

/** Categories are kebab-case ids (`business-logic`); people read "Business logic". */
export function categoryLabel(category: string): string {
  const words = category.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A label from one of the maps above for a value the API may extend later: unknown ids read as themselves. */
export function labelOf<K extends string>(labels: Record<K, string>, value: string | null | undefined, fallback = '–'): string {
  if (value === null || value === undefined || value === '') return fallback;
  return (labels as Record<string, string>)[value] ?? categoryLabel(value);
}
