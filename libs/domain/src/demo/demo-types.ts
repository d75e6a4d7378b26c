import type { DetectionStage } from '../model/detection-stage';
import type { FindingStatus, Severity, SourceKind } from '../model/finding';
import type { ThreatModelDocument } from '../threat-models/threat-model';

export interface DemoTeam {
  name: string;
}

export interface DemoService {
  name: string;
  team: string;
  repositoryPatterns: string[];
}

export interface DemoAdoption {
  team: string;
  practice: string;
  /** ISO date (YYYY-MM-DD). */
  startedAt: string;
}

export interface DemoOrganisation {
  teams: DemoTeam[];
  services: DemoService[];
  adoptions: DemoAdoption[];
}

export interface DemoDetection {
  stage: DetectionStage;
  /** ISO timestamp. */
  detectedAt: string;
  sourceKind: SourceKind;
  tool: string | null;
}

/** One demo finding with every time it was detected; the first detection also names its source. */
export interface DemoFinding {
  service: string;
  sourceKind: SourceKind;
  tool: string | null;
  ruleId: string | null;
  title: string;
  severity: Severity;
  cweIds: number[];
  location: { repo: string; path: string; line: number };
  fingerprint: string;
  /**
   * ISO timestamp; null for part of the scanners' findings, as SARIF gives them without `git blame`
   * (their cohort date is then the first detection).
   */
  introducedAt: string | null;
  /** The commit that introduced the flaw, when `introducedAt` is known. */
  introducedCommit: string | null;
  status: FindingStatus;
  /** Sorted by time, at least one, each at a later stage than the one before, none after `now`. */
  detections: DemoDetection[];
}

export interface DemoOptions {
  /** Default 42. */
  seed?: number;
  /**
   * How many flaws are introduced in the window; default 6000. `demoFindings` yields those found by
   * `now`: the latest flaws' escapes have not surfaced yet, as in a real organisation.
   */
  findings?: number;
  /** End of the window; default now, truncated to the UTC day. */
  end?: Date;
  /**
   * When the data is looked at; default `end`. Detections after it do not exist yet, nor do findings
   * whose first detection is after it. A later `now` shows how the window's flaws will have been found.
   */
  now?: Date;
  /** Length of the window in calendar months before `end`; default 18. */
  months?: number;
}

/** One version of a demo service's threat model, as it would have been imported on `effectiveFrom`. */
export interface DemoThreatModelVersion {
  /** ISO timestamp: from when this version described the service. */
  effectiveFrom: string;
  document: ThreatModelDocument;
}

/** A demo service's threat model, its versions oldest first. */
export interface DemoThreatModel {
  service: string;
  versions: DemoThreatModelVersion[];
}
