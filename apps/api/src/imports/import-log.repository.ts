import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DetectionStage, ImportStatus, ImportWarning } from '@escapement/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { ImportViewer } from './import-viewer';
import type { UpsertCounts } from '../findings/finding-record';

export interface ImportReceipt {
  format: string;
  stage: DetectionStage | null;
  receivedBy: string | null;
  fileName: string | null;
  contentSha256: string | null;
  serviceName?: string | null;
  bytes?: number | null;
  repo?: string | null;
  commitSha?: string | null;
  fullScan?: boolean;
  /** Who sent it, by id: what decides who may follow the upload (a name can be reused). */
  sender?: ImportSender;
}

export interface ImportSender {
  tokenId: string | null;
  userId: string | null;
}

export interface ImportRow {
  id: string;
  status: ImportStatus;
  format: string;
  stage: DetectionStage | null;
  service_name: string | null;
  received_by: string | null;
  file_name: string | null;
  content_sha256: string | null;
  bytes: string | null;
  repo: string | null;
  commit_sha: string | null;
  full_scan: boolean;
  tools: string[];
  received_at: Date;
  completed_at: Date | null;
  received_count: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  suppressed_count: number;
  fixed_count: number;
  error: ImportError | null;
  warnings: ImportWarning[];
}

export interface ImportError {
  detail: string;
  errors?: unknown[];
}

export type ImportOutcome = UpsertCounts & { suppressed: number; fixed?: number; tools?: string[]; warnings?: ImportWarning[] };

/** Imports of the viewer's teams' services, and the ones the viewer sent (by token or person id, never by name). */
const VISIBLE = (teams: string, tokenId: string, userId: string) =>
  `(${teams}::uuid[] IS NULL OR s.team_id = ANY (${teams}::uuid[]) OR i.received_by_token_id = ${tokenId}::uuid OR i.received_by_user_id = ${userId}::uuid)`;

/** The history of what was received: one row per upload. */
@Injectable()
export class ImportLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async open(manager: EntityManager, receipt: ImportReceipt): Promise<string> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO imports (status, format, stage, received_by, file_name, content_sha256, service_id, bytes, repo, commit_sha, full_scan,
                            received_by_token_id, received_by_user_id)
       VALUES ('processing', $1, $2::detection_stage, $3, $4, $5, (SELECT id FROM services WHERE name = $6), $7, $8, $9, $10, $11, $12)
       RETURNING id`,
      [
        receipt.format,
        receipt.stage,
        receipt.receivedBy,
        receipt.fileName,
        receipt.contentSha256,
        receipt.serviceName ?? null,
        receipt.bytes ?? null,
        receipt.repo ?? null,
        receipt.commitSha ?? null,
        receipt.fullScan ?? false,
        receipt.sender?.tokenId ?? null,
        receipt.sender?.userId ?? null,
      ],
    );
    return row.id;
  }

  async complete(manager: EntityManager, id: string, outcome: ImportOutcome): Promise<void> {
    await manager.query(
      `UPDATE imports SET status = 'completed', completed_at = now(), received_count = $2, created_count = $3,
              updated_count = $4, unchanged_count = $5, suppressed_count = $6, fixed_count = $7, tools = $8, warnings = $9::jsonb,
              service_id = coalesce(service_id, (SELECT service_id FROM findings f JOIN detections d ON d.finding_id = f.id
                                                  WHERE d.import_id = $1 LIMIT 1))
        WHERE id = $1`,
      [id, outcome.received, outcome.created, outcome.updated, outcome.unchanged, outcome.suppressed, outcome.fixed ?? 0, outcome.tools ?? [], JSON.stringify(outcome.warnings ?? [])],
    );
  }

  /** A background import that failed: the reason is kept for the person polling it. */
  async fail(manager: EntityManager, id: string, error: ImportError): Promise<void> {
    await manager.query(`UPDATE imports SET status = 'failed', completed_at = now(), error = $2 WHERE id = $1 AND status = 'processing'`, [id, JSON.stringify(error)]);
  }

  /**
   * Locks a background import for the worker storing it, for the whole transaction; false when there is
   * nothing to store (it is gone, or an earlier attempt finished it).
   */
  async lockProcessing(manager: EntityManager, id: string): Promise<boolean> {
    const [row] = await manager.query(`SELECT status FROM imports WHERE id = $1 FOR UPDATE`, [id]);
    return row?.status === 'processing';
  }

  /** Background imports nobody is storing right now (no worker holds their row), locked until the caller's transaction ends. */
  async lockIdleProcessing(manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM imports WHERE status = 'processing' ORDER BY received_at FOR UPDATE SKIP LOCKED`);
    return rows.map((row) => row.id);
  }

  /** Bytes of background imports waiting in the database to be stored: the sender's, and everyone's. */
  async waitingBytes(sender: ImportSender): Promise<{ sender: number; total: number }> {
    const [row]: { sender: string; total: string }[] = await this.dataSource.query(
      `SELECT coalesce(sum(bytes) FILTER (WHERE received_by_token_id = $1::uuid OR received_by_user_id = $2::uuid), 0) AS sender,
              coalesce(sum(bytes), 0) AS total
         FROM imports WHERE status = 'processing'`,
      [sender.tokenId, sender.userId],
    );
    return { sender: Number(row.sender), total: Number(row.total) };
  }

  async find(id: string): Promise<ImportRow | null> {
    const [row] = await this.dataSource.query(`${SELECT_IMPORT} WHERE i.id = $1`, [id]);
    return row ?? null;
  }

  async findVisible(id: string, viewer: ImportViewer): Promise<ImportRow | null> {
    const [row] = await this.dataSource.query(`${SELECT_IMPORT} WHERE i.id = $1 AND ${VISIBLE('$2', '$3', '$4')}`, [id, viewer.teams, viewer.tokenId, viewer.userId]);
    return row ?? null;
  }

  async list(limit: number, before: { at: string; id: string } | null, viewer: ImportViewer): Promise<(ImportRow & { cursor_at: string })[]> {
    return this.dataSource.query(
      `${SELECT_IMPORT}
        WHERE ($2::timestamptz IS NULL OR (i.received_at, i.id) < ($2::timestamptz, $3::uuid))
          AND ${VISIBLE('$4', '$5', '$6')}
        ORDER BY i.received_at DESC, i.id DESC
        LIMIT $1`,
      [limit, before?.at ?? null, before?.id ?? null, viewer.teams, viewer.tokenId, viewer.userId],
    );
  }
}

const SELECT_IMPORT = `
  SELECT i.id, i.status, i.format, i.stage, s.name AS service_name, i.received_by, i.file_name, i.content_sha256, i.bytes,
         i.repo, i.commit_sha, i.full_scan, i.tools, i.received_at, i.completed_at, i.received_count, i.created_count,
         i.updated_count, i.unchanged_count, i.suppressed_count, i.fixed_count, i.error, i.warnings,
         to_json(i.received_at) #>> '{}' AS cursor_at
    FROM imports i
    LEFT JOIN services s ON s.id = i.service_id`;
