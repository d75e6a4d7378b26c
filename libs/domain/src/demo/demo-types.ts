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
  /** ISO timestamp. */
  introducedAt: string;
  status: FindingStatus;
  /** Sorted by time, at least one, each at a later stage than the one before. */
  detections: DemoDetection[];
}

export interface DemoOptions {
  /** Default 42. */
  seed?: number;
  /** How many findings `demoFindings` yields; default 6000. */
  findings?: number;
  /** End of the window; default now, truncated to the UTC day. */
  end?: Date;
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
