import { Injectable } from '@nestjs/common';
import type { DetectionStage } from '@escapement/domain';
import type { EntityManager } from 'typeorm';
import type { UpsertCounts } from '../findings/finding-record';

export interface ImportReceipt {
  format: string;
  stage: DetectionStage | null;
  receivedBy: string | null;
  fileName: string | null;
  contentSha256: string | null;
}

/** The history of what was received: one row per upload, written in the upload's own transaction. */
@Injectable()
export class ImportLogRepository {
  async open(manager: EntityManager, receipt: ImportReceipt): Promise<string> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO imports (status, format, stage, received_by, file_name, content_sha256)
       VALUES ('processing', $1, $2::detection_stage, $3, $4, $5) RETURNING id`,
      [receipt.format, receipt.stage, receipt.receivedBy, receipt.fileName, receipt.contentSha256],
    );
    return row.id;
  }

  async complete(manager: EntityManager, id: string, counts: UpsertCounts & { suppressed?: number }): Promise<void> {
    await manager.query(
      `UPDATE imports SET status = 'completed', completed_at = now(), received_count = $2, created_count = $3,
              updated_count = $4, unchanged_count = $5, suppressed_count = $6
        WHERE id = $1`,
      [id, counts.received, counts.created, counts.updated, counts.unchanged, counts.suppressed ?? 0],
    );
  }
}
