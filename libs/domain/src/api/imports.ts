import type { DetectionStage } from '../model/detection-stage';
import type { ImportWarning } from '../ingest/import-warning';

export const IMPORT_STATUSES = ['processing', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportCountsDto {
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  suppressed: number;
  /** Findings a full scan marked fixed. */
  fixed: number;
}

/** One upload, as `GET /api/v1/imports` and `GET /api/v1/imports/:id` report it. */
export interface ImportDto {
  id: string;
  status: ImportStatus;
  format: string;
  stage: DetectionStage | null;
  service: string | null;
  fileName: string | null;
  bytes: number | null;
  sha256: string | null;
  repo: string | null;
  commit: string | null;
  fullScan: boolean;
  tools: string[];
  receivedAt: string;
  completedAt: string | null;
  findings: ImportCountsDto;
  /** Where to poll while processing. */
  statusUrl: string;
  /** Why a background import failed. */
  error?: { detail: string; errors?: unknown[] } | null;
  /** What was accepted but changed on the way in (replaced bytes, a broken SARIF artifact index). */
  warnings: ImportWarning[];
}
