import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ModelComponent, ModelMitigation, ModelThreat, ThreatModelDocument } from '@escapement/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { TeamScope } from '../auth/principal';
import { ServiceOwnership } from '../services/service-ownership';
import type { ModelComponentRow } from './model-rows';

export interface VersionRow {
  id: string;
  threat_model_id: string;
  version_number: number;
  effective_from: Date;
  format: string;
  name: string;
  source_version: string | null;
  description: string | null;
  content_sha256: string;
  file_name: string | null;
  imported_at: Date;
  components: number;
  threats: number;
  trust_zones: number;
  trust_boundaries: number;
  /** Services other than the model's own whose findings this version may place. */
  also_service_names: string[];
}

export interface ModelRow {
  id: string;
  service_id: string;
  service_name: string;
  name: string;
  created_at: Date;
  latest_version: number | null;
}

export type ComponentRow = ModelComponentRow;

export interface ThreatRow {
  key: string;
  title: string;
  description: string | null;
  component_keys: string[];
  stride: string | null;
  layer: string | null;
  cwe_ids: number[];
  severity: string | null;
  status: string;
  mitigations: ModelMitigation[];
  /** When this threat key first appeared in any version of the model. */
  first_effective_from: Date;
}

const VERSION_COUNTS = `
  (SELECT count(*)::int FROM tm_components c WHERE c.version_id = v.id) AS components,
  (SELECT count(*)::int FROM tm_threats t WHERE t.version_id = v.id) AS threats,
  (SELECT count(*)::int FROM tm_trust_zones z WHERE z.version_id = v.id) AS trust_zones,
  (SELECT count(*)::int FROM tm_trust_boundaries b WHERE b.version_id = v.id) AS trust_boundaries,
  array(SELECT s.name FROM services s WHERE s.id = ANY (v.also_services) ORDER BY s.name) AS also_service_names`;

/** Threat models, their versions and their parts; versions are only ever added. */
@Injectable()
export class ThreatModelRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ownership: ServiceOwnership,
  ) {}

  /**
   * The model of a service, created on its first import. Serialised per service by an advisory lock.
   * `teams`: the importer's team scope (null: organisation-wide, as the demo generator is).
   */
  async modelFor(manager: EntityManager, serviceName: string, name: string, teams: TeamScope = null): Promise<string> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('escapement:threat-model:' || $1, 0))`, [serviceName]);
    await this.ownership.claim(manager, [serviceName], teams);
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO threat_models (service_id, name) SELECT id, $2 FROM services WHERE name = $1
       ON CONFLICT (service_id) DO UPDATE SET name = excluded.name RETURNING id`,
      [serviceName, name],
    );
    return row.id;
  }

  /**
   * The services a model's versions place findings of: its own, and those its latest version (and the
   * one before, whose links a new version replaces) may also claim.
   */
  async scopeOf(manager: EntityManager, modelId: string): Promise<string[]> {
    const [row]: { ids: string[] }[] = await manager.query(
      `SELECT array(SELECT m.service_id UNION SELECT unnest(v.also_services) FROM threat_model_versions v WHERE v.threat_model_id = m.id
                     AND v.version_number >= (SELECT max(version_number) - 1 FROM threat_model_versions WHERE threat_model_id = m.id)) AS ids
         FROM threat_models m WHERE m.id = $1`,
      [modelId],
    );
    return row.ids;
  }

  /**
   * Of the services a model's `services` rules name, the ones other than its own that the uploader may
   * write (a team-limited uploader: its teams' services), which the version may therefore also claim.
   */
  async claimableServices(manager: EntityManager, modelId: string, named: readonly string[], teams: TeamScope): Promise<string[]> {
    if (named.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `SELECT s.id FROM services s JOIN threat_models m ON m.id = $1
        WHERE lower(s.name) = ANY($2::text[]) AND s.id <> m.service_id AND ($3::uuid[] IS NULL OR s.team_id = ANY($3::uuid[]))
        ORDER BY s.id`,
      [modelId, [...new Set(named.map((name) => name.trim().toLowerCase()))], teams],
    );
    return rows.map((row) => row.id);
  }

  async findVersionByContent(manager: EntityManager, modelId: string, sha256: string, effectiveFrom: Date): Promise<string | null> {
    const [row] = await manager.query(`SELECT id FROM threat_model_versions WHERE threat_model_id = $1 AND content_sha256 = $2 AND effective_from = $3`, [
      modelId,
      sha256,
      effectiveFrom,
    ]);
    return row?.id ?? null;
  }

  async addVersion(
    manager: EntityManager,
    modelId: string,
    document: ThreatModelDocument,
    meta: { effectiveFrom: Date; sha256: string; fileName: string | null; importedBy: string | null; alsoServices?: readonly string[] },
  ): Promise<string> {
    const [version]: { id: string }[] = await manager.query(
      `INSERT INTO threat_model_versions (threat_model_id, version_number, effective_from, format, name, source_version, description, content_sha256, file_name, imported_by, also_services)
       SELECT $1, coalesce(max(version_number), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10::uuid[] FROM threat_model_versions WHERE threat_model_id = $1
       RETURNING id`,
      [modelId, meta.effectiveFrom, document.format, document.name, document.version, document.description, meta.sha256, meta.fileName, meta.importedBy, meta.alsoServices ?? []],
    );
    const id = version.id;
    const zones = document.trustZones;
    if (zones.length) {
      await manager.query(
        `INSERT INTO tm_trust_zones (version_id, key, name, trust_rating, description)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::numeric[], $5::text[])`,
        [id, zones.map((z) => z.key), zones.map((z) => z.name), zones.map((z) => z.trustRating), zones.map((z) => z.description)],
      );
    }
    const boundaries = document.trustBoundaries;
    if (boundaries.length) {
      await manager.query(
        `INSERT INTO tm_trust_boundaries (version_id, key, name, from_zone_key, to_zone_key, crossing_component_keys)
         SELECT $1, b.key, b.name, b.from_zone, b.to_zone, coalesce(string_to_array(b.crossing, E'\\n'), '{}')
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS b(key, name, from_zone, to_zone, crossing)`,
        [
          id,
          boundaries.map((b) => b.key),
          boundaries.map((b) => b.name),
          boundaries.map((b) => b.fromZoneKey),
          boundaries.map((b) => b.toZoneKey),
          boundaries.map((b) => (b.crossingComponentKeys.length ? b.crossingComponentKeys.join('\n') : null)),
        ],
      );
    }
    await this.insertComponents(manager, id, document.components);
    await this.insertThreats(manager, id, document.threats);
    return id;
  }

  private async insertComponents(manager: EntityManager, versionId: string, components: ModelComponent[]): Promise<void> {
    if (!components.length) return;
    const lines = (values: string[]) => (values.length ? values.join('\n') : null);
    await manager.query(
      `INSERT INTO tm_components (version_id, key, name, description, type, trust_zone_key, parent_key, layer, match_repos, match_paths, match_services)
       SELECT $1, c.key, c.name, c.description, c.type, c.zone, c.parent, c.layer::pwnisms_layer,
              coalesce(string_to_array(c.repos, E'\\n'), '{}'), coalesce(string_to_array(c.paths, E'\\n'), '{}'), coalesce(string_to_array(c.services, E'\\n'), '{}')
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
           AS c(key, name, description, type, zone, parent, layer, repos, paths, services)`,
      [
        versionId,
        components.map((c) => c.key),
        components.map((c) => c.name),
        components.map((c) => c.description),
        components.map((c) => c.type),
        components.map((c) => c.trustZoneKey),
        components.map((c) => c.parentKey),
        components.map((c) => c.layer),
        components.map((c) => lines(c.matchRules.repos)),
        components.map((c) => lines(c.matchRules.paths)),
        components.map((c) => lines(c.matchRules.services)),
      ],
    );
  }

  private async insertThreats(manager: EntityManager, versionId: string, threats: ModelThreat[]): Promise<void> {
    if (!threats.length) return;
    await manager.query(
      `INSERT INTO tm_threats (version_id, key, title, description, component_keys, stride, layer, cwe_ids, severity, status, mitigations)
       SELECT $1, t.key, t.title, t.description, coalesce(string_to_array(t.components, E'\\n'), '{}'), t.stride, t.layer::pwnisms_layer,
              t.cwe::integer[], t.severity::severity, t.status, t.mitigations::jsonb
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
           AS t(key, title, description, components, stride, layer, cwe, severity, status, mitigations)`,
      [
        versionId,
        threats.map((t) => t.key),
        threats.map((t) => t.title),
        threats.map((t) => t.description),
        threats.map((t) => (t.componentKeys.length ? t.componentKeys.join('\n') : null)),
        threats.map((t) => t.stride),
        threats.map((t) => t.layer),
        threats.map((t) => `{${t.cweIds.join(',')}}`),
        threats.map((t) => t.severity),
        threats.map((t) => t.status),
        threats.map((t) => JSON.stringify(t.mitigations)),
      ],
    );
  }

  /** `teams`: only models of those teams' services; null for every model. */
  async listModels(teams: TeamScope): Promise<ModelRow[]> {
    return this.dataSource.query(
      `SELECT m.id, m.service_id, s.name AS service_name, m.name, m.created_at,
              (SELECT max(version_number) FROM threat_model_versions v WHERE v.threat_model_id = m.id) AS latest_version
         FROM threat_models m JOIN services s ON s.id = m.service_id
        WHERE ($1::uuid[] IS NULL OR s.team_id = ANY ($1::uuid[]))
        ORDER BY s.name`,
      [teams],
    );
  }

  async findModel(id: string, teams: TeamScope): Promise<ModelRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT m.id, m.service_id, s.name AS service_name, m.name, m.created_at,
              (SELECT max(version_number) FROM threat_model_versions v WHERE v.threat_model_id = m.id) AS latest_version
         FROM threat_models m JOIN services s ON s.id = m.service_id
        WHERE m.id = $1 AND ($2::uuid[] IS NULL OR s.team_id = ANY ($2::uuid[]))`,
      [id, teams],
    );
    return row ?? null;
  }

  async versions(modelId: string): Promise<VersionRow[]> {
    return this.dataSource.query(`SELECT v.*, ${VERSION_COUNTS} FROM threat_model_versions v WHERE v.threat_model_id = $1 ORDER BY v.version_number`, [modelId]);
  }

  async version(modelId: string, versionNumber: number | null): Promise<VersionRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT v.*, ${VERSION_COUNTS} FROM threat_model_versions v
        WHERE v.threat_model_id = $1 AND ($2::int IS NULL OR v.version_number = $2)
        ORDER BY v.version_number DESC LIMIT 1`,
      [modelId, versionNumber],
    );
    return row ?? null;
  }

  async versionById(runner: EntityManager | DataSource, versionId: string): Promise<VersionRow> {
    const [row] = await runner.query(`SELECT v.*, ${VERSION_COUNTS} FROM threat_model_versions v WHERE v.id = $1`, [versionId]);
    return row;
  }

  async components(versionId: string): Promise<ComponentRow[]> {
    return this.dataSource.query(`SELECT * FROM tm_components WHERE version_id = $1 ORDER BY key`, [versionId]);
  }

  async threats(versionId: string): Promise<ThreatRow[]> {
    return this.dataSource.query(
      `SELECT t.*, (SELECT min(v2.effective_from) FROM tm_threats t2 JOIN threat_model_versions v2 ON v2.id = t2.version_id
                     WHERE v2.threat_model_id = v.threat_model_id AND t2.key = t.key) AS first_effective_from
         FROM tm_threats t JOIN threat_model_versions v ON v.id = t.version_id
        WHERE t.version_id = $1 ORDER BY t.key`,
      [versionId],
    );
  }

  async trustZones(versionId: string) {
    return this.dataSource.query(`SELECT key, name, trust_rating, description FROM tm_trust_zones WHERE version_id = $1 ORDER BY key`, [versionId]);
  }

  async trustBoundaries(versionId: string) {
    return this.dataSource.query(`SELECT key, name, from_zone_key, to_zone_key, crossing_component_keys FROM tm_trust_boundaries WHERE version_id = $1 ORDER BY key`, [versionId]);
  }
}
