import type { DetectionStage } from './detection-stage';

/** Lowest first, so that ordering by the enum sorts by gravity. */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SOURCE_KINDS = [
  'sast',
  'sca',
  'secrets',
  'iac',
  'dast',
  'code_review',
  'threat_model_review',
  'pentest',
  'bug_bounty',
  'incident',
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const FINDING_CLASSES = ['design', 'pattern', 'unclassified'] as const;
export type FindingClass = (typeof FINDING_CLASSES)[number];

/** Suppressed and false-positive findings are kept but never counted in rates. */
export const FINDING_STATUSES = ['open', 'fixed', 'accepted_risk', 'suppressed', 'false_positive'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export const UNCOUNTED_STATUSES: readonly FindingStatus[] = ['suppressed', 'false_positive'];

/** The source kind's natural detection stage, used when an upload names none. */
export const DEFAULT_STAGE_OF_SOURCE: Record<SourceKind, DetectionStage> = {
  threat_model_review: 'design',
  code_review: 'code_review',
  sast: 'ci',
  sca: 'ci',
  secrets: 'ci',
  iac: 'ci',
  dast: 'pre_release',
  pentest: 'pre_release',
  bug_bounty: 'production',
  incident: 'production',
  other: 'ci',
};
