import type { DetectionStage, ImportWarning } from '@escapement/domain';

export type ImportStatus = 'processing' | 'completed' | 'failed';

export interface ImportCounts {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  suppressed: number;
  /** Findings a full scan marked fixed. */
  fixed: number;
}

/** One upload as the imports endpoint reports it; declared here until the domain library carries it. */
export interface ImportSummary {
  id: string;
  status: ImportStatus;
  format: string;
  stage: DetectionStage | null;
  service: string | null;
  fileName: string | null;
  bytes: number | null;
  repo: string | null;
  commit: string | null;
  fullScan: boolean;
  tools: string[];
  receivedAt: string;
  completedAt: string | null;
  findings: ImportCounts;
  statusUrl: string;
  /** Why a background import failed. */
  error?: { detail: string; errors?: unknown[] } | null;
  /** What was accepted but changed on the way in (replaced bytes, a broken SARIF artifact index). */
  warnings: ImportWarning[];
}
