import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ContextChannel, ContextKind, DetectionStage, FindingClass, PwnismsLayer, ReviewOutcome, Severity } from '@escapement/domain';
import { DataSource } from 'typeorm';
import type { TeamScope } from '../auth/principal';
import type { ModelComponentRow, ModelThreatRow } from '../threat-models/model-rows';
import { countedFinding } from '../common/counted-finding';

export interface ServiceRow {
  id: string;
  name: string;
}

export interface LatestModelRow {
  model_id: string;
  model_name: string;
  service_id: string;
  service_name: string;
  version_id: string;
  version_number: number;
  effective_from: Date;
  components: number;
  threats: number;
}

/** A component of the served version, as every model reader stores it. */
export type ContextComponentRow = ModelComponentRow;

/** A threat of the served version, with its mitigations. */
export interface ContextThreatRow extends ModelThreatRow {
  mitigations: { key: string; title: string; description: string | null; status: string | null }[];
}

export interface EscapeRow {
  finding_id: string;
  title: string;
  severity: Severity;
  cwe_ids: number[];
  stage: DetectionStage;
  detected_at: Date;
  path: string | null;
  finding_class: FindingClass;
  component_key: string;
  threat_key: string | null;
}

export interface NewServing {
  actor: string;
  userId: string | null;
  tokenId: string | null;
  channel: ContextChannel;
  kind: ContextKind;
  tool: string | null;
  serviceId: string;
  threatModelId: string | null;
  modelVersion: number | null;
  componentKeys: string[];
  threatKeys: string[];
  pathCount: number;
  changeRef: string | null;
  outcome: ReviewOutcome | null;
  servedChars: number | null;
  truncated: boolean;
}

export interface ServingRow {
  id: string;
  served_at: Date;
  actor: string;
  token_id: string | null;
  channel: ContextChannel;
  kind: ContextKind;
  tool: string | null;
  service_name: string;
  component_keys: string[];
  threat_keys: string[];
  change_ref: string | null;
  outcome: ReviewOutcome | null;
}

export interface ComponentUsageRow {
  key: string;
  name: string;
  layer: PwnismsLayer | null;
  fetched: number;
  last_fetched_at: Date | null;
  escapes: number;
}

/** Findings that count as escapes, as the metrics count them. */
const COUNTED = `${countedFinding('f')} AND f.first_detected_stage >= $2::detection_stage`;

/** The reads behind context packs, and the record of every serving. */
@Injectable()
export class ContextRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A service the caller may see, by name (ignoring surrounding spaces); null when absent or another team's. */
  async findService(name: string, teams: TeamScope): Promise<ServiceRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, name FROM services WHERE name = $1 AND ($2::uuid[] IS NULL OR team_id = ANY ($2::uuid[]))`,
      [name.trim(), teams],
    );
    return row ?? null;
  }

  /** The latest version of each model the caller may see, with its size: the MCP resource list. */
  async latestModels(teams: TeamScope, serviceId: string | null = null): Promise<LatestModelRow[]> {
    return this.dataSource.query(
      `SELECT m.id AS model_id, m.name AS model_name, s.id AS service_id, s.name AS service_name,
              v.id AS version_id, v.version_number, v.effective_from,
              (SELECT count(*)::int FROM tm_components c WHERE c.version_id = v.id) AS components,
              (SELECT count(*)::int FROM tm_threats t WHERE t.version_id = v.id) AS threats
         FROM threat_models m
         JOIN services s ON s.id = m.service_id
         JOIN LATERAL (SELECT * FROM threat_model_versions v WHERE v.threat_model_id = m.id ORDER BY v.version_number DESC LIMIT 1) v ON true
        WHERE ($1::uuid[] IS NULL OR s.team_id = ANY ($1::uuid[])) AND ($2::uuid IS NULL OR s.id = $2)
        ORDER BY s.name`,
      [teams, serviceId],
    );
  }

  /** Modelled services the caller may see, with their repository patterns and their latest model's components' repository rules. */
  async repositoryRules(teams: TeamScope): Promise<{ name: string; rules: string[] }[]> {
    return this.dataSource.query(
      `SELECT s.name,
              s.repository_patterns || coalesce((SELECT array_agg(DISTINCT r.rule) FROM tm_components c CROSS JOIN LATERAL unnest(c.match_repos) AS r(rule)
                                                 WHERE c.version_id = v.id), '{}') AS rules
         FROM threat_models m
         JOIN services s ON s.id = m.service_id
         JOIN LATERAL (SELECT id FROM threat_model_versions v WHERE v.threat_model_id = m.id ORDER BY v.version_number DESC LIMIT 1) v ON true
        WHERE ($1::uuid[] IS NULL OR s.team_id = ANY ($1::uuid[]))
        ORDER BY s.name`,
      [teams],
    );
  }

  async components(versionId: string): Promise<ContextComponentRow[]> {
    return this.dataSource.query(
      `SELECT key, name, description, type, trust_zone_key, parent_key, layer, match_repos, match_paths, match_services
         FROM tm_components WHERE version_id = $1 ORDER BY key`,
      [versionId],
    );
  }

  async threats(versionId: string): Promise<ContextThreatRow[]> {
    return this.dataSource.query(
      `SELECT key, title, description, component_keys, stride, layer, cwe_ids, severity, status, mitigations
         FROM tm_threats WHERE version_id = $1 ORDER BY key`,
      [versionId],
    );
  }

  async trustZones(versionId: string): Promise<{ key: string; name: string; trust_rating: string | null; description: string | null }[]> {
    return this.dataSource.query(`SELECT key, name, trust_rating, description FROM tm_trust_zones WHERE version_id = $1 ORDER BY key`, [versionId]);
  }

  async trustBoundaries(versionId: string): Promise<{ key: string; name: string; from_zone_key: string | null; to_zone_key: string | null; crossing_component_keys: string[] }[]> {
    return this.dataSource.query(
      `SELECT key, name, from_zone_key, to_zone_key, crossing_component_keys FROM tm_trust_boundaries WHERE version_id = $1 ORDER BY key`,
      [versionId],
    );
  }

  /**
   * The most recent escaped findings linked to these components of the model (one row per finding and
   * component, with one threat it realises if any), at most `limit`.
   */
  async escapes(modelId: string, componentKeys: readonly string[], boundary: DetectionStage, limit: number): Promise<EscapeRow[]> {
    return this.dataSource.query(
      `SELECT f.id AS finding_id, f.title, f.severity, f.cwe_ids, f.first_detected_stage AS stage, f.first_detected_at AS detected_at,
              f.path, f.finding_class, l.component_key, min(nullif(l.threat_key, '')) AS threat_key
         FROM effective_finding_links l JOIN findings f ON f.id = l.finding_id
        WHERE l.threat_model_id = $1 AND l.component_key = ANY ($4::text[]) AND ${COUNTED}
        GROUP BY f.id, l.component_key
        ORDER BY f.first_detected_at DESC, f.id
        LIMIT $3`,
      [modelId, boundary, limit, componentKeys],
    );
  }

  /** Escaped findings per component of the model, in all. */
  async escapeCounts(modelId: string, boundary: DetectionStage): Promise<{ component_key: string; escapes: number }[]> {
    return this.dataSource.query(
      `SELECT l.component_key, count(DISTINCT f.id)::int AS escapes
         FROM effective_finding_links l JOIN findings f ON f.id = l.finding_id
        WHERE l.threat_model_id = $1 AND ${COUNTED}
        GROUP BY l.component_key`,
      [modelId, boundary],
    );
  }

  async record(serving: NewServing): Promise<{ id: string; served_at: Date }> {
    const [row] = await this.dataSource.query(
      `INSERT INTO context_servings (actor, user_id, token_id, channel, kind, tool, service_id, threat_model_id, model_version,
                                     component_keys, threat_keys, path_count, change_ref, outcome, served_chars, truncated)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       RETURNING id, served_at`,
      [
        serving.actor,
        serving.userId,
        serving.tokenId,
        serving.channel,
        serving.kind,
        serving.tool,
        serving.serviceId,
        serving.threatModelId,
        serving.modelVersion,
        serving.componentKeys,
        serving.threatKeys,
        serving.pathCount,
        serving.changeRef,
        serving.outcome,
        serving.servedChars,
        serving.truncated,
      ],
    );
    return row;
  }

  /** Servings of a service, newest first; with a change ref, only those naming that change (how change flags are derived). */
  async servings(serviceId: string, changeRef: string | null, limit: number): Promise<ServingRow[]> {
    return this.dataSource.query(
      `SELECT c.id, c.served_at, c.actor, c.token_id, c.channel, c.kind, c.tool, s.name AS service_name,
              c.component_keys, c.threat_keys, c.change_ref, c.outcome
         FROM context_servings c JOIN services s ON s.id = c.service_id
        WHERE c.service_id = $1 AND ($2::text IS NULL OR c.change_ref = $2)
        ORDER BY c.served_at DESC, c.id
        LIMIT $3`,
      [serviceId, changeRef, limit],
    );
  }

  /**
   * Per component of the model's latest version: servings that included it (of any version of the
   * model, by key) against escaped findings linked to it.
   */
  async componentUsage(modelId: string, versionId: string, boundary: DetectionStage): Promise<ComponentUsageRow[]> {
    return this.dataSource.query(
      `WITH fetched AS (
         SELECT k.key, count(*)::int AS fetched, max(c.served_at) AS last_fetched_at
           FROM context_servings c CROSS JOIN LATERAL unnest(c.component_keys) AS k(key)
          WHERE c.threat_model_id = $1
          GROUP BY k.key
       ), escaped AS (
         SELECT l.component_key AS key, count(DISTINCT f.id)::int AS escapes
           FROM effective_finding_links l JOIN findings f ON f.id = l.finding_id
          WHERE l.threat_model_id = $1 AND ${COUNTED}
          GROUP BY l.component_key
       )
       SELECT tc.key, tc.name, tc.layer, coalesce(fe.fetched, 0) AS fetched, fe.last_fetched_at, coalesce(e.escapes, 0) AS escapes
         FROM tm_components tc
         LEFT JOIN fetched fe ON fe.key = tc.key
         LEFT JOIN escaped e ON e.key = tc.key
        WHERE tc.version_id = $3
        ORDER BY coalesce(e.escapes, 0) DESC, coalesce(fe.fetched, 0), tc.key`,
      [modelId, boundary, versionId],
    );
  }
}
