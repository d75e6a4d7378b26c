import type { DetectionStage } from '../model/detection-stage';
import type { FindingClass, Severity } from '../model/finding';

/** The four traces context-aware practice leaves on a change. */
export const CONTEXT_FLAGS = ['threatModelLinked', 'acceptanceCriteria', 'promptContext', 'reviewedAgainstModel'] as const;
export type ContextFlag = (typeof CONTEXT_FLAGS)[number];

/** Where a flag's value came from: said by CI, read from Escapement's own records of servings, or imported from a ticket system. */
export const CONTEXT_FLAG_SOURCES = ['declared', 'derived', 'imported'] as const;
export type ContextFlagSource = (typeof CONTEXT_FLAG_SOURCES)[number];

/** A flag: true, false or unknown (null), and where that came from (null when unknown). */
export interface ContextFlagValue {
  value: boolean | null;
  source: ContextFlagSource | null;
}

export type ContextFlags = Record<ContextFlag, ContextFlagValue>;

/** How a finding is tied to its change: by hand, by the change ref sent with it, or by its introducing commit. */
export const CHANGE_LINK_SOURCES = ['manual', 'change_ref', 'commit'] as const;
export type ChangeLinkSource = (typeof CHANGE_LINK_SOURCES)[number];

export interface ChangeDto {
  id: string;
  serviceId: string;
  serviceName: string;
  teamId: string | null;
  teamName: string | null;
  ref: string;
  title: string | null;
  author: string | null;
  ticket: string | null;
  commits: string[];
  baseCommit: string | null;
  mergeCommit: string | null;
  openedAt: string | null;
  mergedAt: string | null;
  aiAssisted: boolean | null;
  flags: ContextFlags;
  /** True when all four flags are true. */
  withContext: boolean;
  /** Findings linked to the change. */
  findings: number;
  recordedBy: string;
  recordedAt: string;
  updatedAt: string;
}

export interface ChangeFindingDto {
  id: string;
  title: string;
  severity: Severity;
  findingClass: FindingClass;
  firstDetectedStage: DetectionStage;
  firstDetectedAt: string;
  introducedCommit: string | null;
  linkedBy: ChangeLinkSource;
}

export interface ChangeDetailDto extends ChangeDto {
  findingsLinked: ChangeFindingDto[];
}

/** The change a finding came from, as the finding detail shows it. */
export interface FindingChangeDto {
  id: string;
  ref: string;
  title: string | null;
  mergedAt: string | null;
  flags: ContextFlags;
  linkedBy: ChangeLinkSource;
}

export interface ChangeRecordedDto {
  id: string;
  created: boolean;
}

export interface ChangesBulkResultDto {
  received: number;
  created: number;
  updated: number;
}

/** One side of a with/without comparison. */
export interface ChangeGroupSummaryDto {
  changes: number;
  /** Of `changes`, those whose flag was unknown (counted as "without": no evidence the context was there). */
  unknown: number;
  findings: number;
  escaped: number;
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  findingsPer100Changes: number | null;
  escapesPer100Changes: number | null;
}

export type ChangeContextFlagKey = ContextFlag | 'all';
export type ChangeContextClass = 'design' | 'pattern' | 'all';

export interface ChangeContextComparisonDto {
  flag: ChangeContextFlagKey;
  findingClass: ChangeContextClass;
  with: ChangeGroupSummaryDto;
  without: ChangeGroupSummaryDto;
  /** with − without (Newcombe); null when a side has no findings. */
  difference: { estimate: number; low: number; high: number } | null;
  /** Mantel–Haenszel odds ratio of escape, with versus without, within team × quarter strata. */
  stratified: {
    strata: number;
    informativeStrata: number;
    oddsRatio: number | null;
    low: number | null;
    high: number | null;
    chiSquared: number | null;
    pValue: number | null;
    /** Two-sided p-value of a permutation test that shuffles whole changes within strata: findings of one change are not independent. */
    clusterPValue: number | null;
  };
}

export interface ChangeCoveragePointDto {
  /** Month start, YYYY-MM-DD. */
  period: string;
  teamId: string | null;
  teamName: string | null;
  changes: number;
  /** Changes whose flag was true, per flag, and with all four. */
  threatModelLinked: number;
  acceptanceCriteria: number;
  promptContext: number;
  reviewedAgainstModel: number;
  all: number;
}

export interface ChangeContextMetricDto {
  boundary: DetectionStage;
  horizonDays: number;
  from: string | null;
  to: string | null;
  changes: number;
  /** Changes dated less than the horizon ago: their findings have not had the full follow-up, so they are left out of the comparisons (not of coverage). */
  immatureChanges: number;
  /** Findings linked to the compared changes, and those detected within the horizon of their introduction (the ones counted). */
  linkedFindings: number;
  countedFindings: number;
  comparisons: ChangeContextComparisonDto[];
  coverage: ChangeCoveragePointDto[];
  adoptions: { teamId: string | null; teamName: string | null; serviceName: string | null; startedAt: string }[];
  /** Escaped design-level findings whose change carried no threat-model context, newest first (ready for follow-up). */
  escapedWithoutContext: {
    findingId: string;
    title: string;
    changeId: string;
    changeRef: string;
    serviceName: string;
    stage: DetectionStage;
    detectedAt: string;
  }[];
}
