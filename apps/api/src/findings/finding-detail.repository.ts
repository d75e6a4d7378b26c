import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DetectionStage, SourceKind } from '@escapement/domain';
import { DataSource } from 'typeorm';

export interface DetectionRow {
  stage: DetectionStage;
  source_kind: SourceKind;
  tool: string | null;
  import_id: string | null;
  commit_sha: string | null;
  detected_at: Date;
}

export interface LinkRow {
  threat_model_id: string;
  service_name: string;
  component_key: string;
  component_name: string | null;
  component_layer: string | null;
  threat_key: string;
  threat_title: string | null;
  threat_stride: string | null;
  threat_cwe_ids: number[] | null;
  threat_first_effective_from: Date | null;
  source: 'auto' | 'manual';
}

/** Everything the finding detail shows, each part one readable query. */
@Injectable()
export class FindingDetailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async extras(id: string): Promise<{ category: string | null; layer: string | null; class_overridden: boolean; class_overridden_by: string | null; class_overridden_at: Date | null; fixed_at: Date | null; gap: string } | null> {
    const [row] = await this.dataSource.query(
      `SELECT f.category, f.layer, f.class_overridden, f.class_overridden_by, f.class_overridden_at, f.fixed_at, g.gap
         FROM findings f JOIN finding_gap_facts g ON g.finding_id = f.id WHERE f.id = $1`,
      [id],
    );
    return row ?? null;
  }

  detections(id: string): Promise<DetectionRow[]> {
    return this.dataSource.query(`SELECT stage, source_kind, tool, import_id, commit_sha, detected_at FROM detections WHERE finding_id = $1 ORDER BY detected_at, stage`, [id]);
  }

  /** Effective links, named from the latest version of each model. */
  links(id: string): Promise<LinkRow[]> {
    return this.dataSource.query(
      `WITH latest AS (
         SELECT DISTINCT ON (threat_model_id) threat_model_id, id AS version_id FROM threat_model_versions ORDER BY threat_model_id, version_number DESC
       )
       SELECT l.threat_model_id, s.name AS service_name, l.component_key, c.name AS component_name, c.layer AS component_layer,
              l.threat_key, t.title AS threat_title, t.stride AS threat_stride, t.cwe_ids AS threat_cwe_ids,
              fs.first_effective_from AS threat_first_effective_from, l.source
         FROM effective_finding_links l
         JOIN threat_models m ON m.id = l.threat_model_id
         JOIN services s ON s.id = m.service_id
         LEFT JOIN latest ON latest.threat_model_id = l.threat_model_id
         LEFT JOIN tm_components c ON c.version_id = latest.version_id AND c.key = l.component_key
         LEFT JOIN tm_threats t ON t.version_id = latest.version_id AND t.key = l.threat_key
         LEFT JOIN threat_first_seen fs ON fs.threat_model_id = l.threat_model_id AND fs.key = l.threat_key
        WHERE l.finding_id = $1
        ORDER BY s.name, l.component_key, l.threat_key`,
      [id],
    );
  }
}
