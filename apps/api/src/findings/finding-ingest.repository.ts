import { Injectable } from '@nestjs/common';
import { arrayLiteral, modifyReturning } from '../common/sql';
import type { EntityManager } from 'typeorm';
import { findingKey, mergeSightings, type DetectionRecord } from './finding-batch';
import type { TeamScope } from '../auth/principal';
import { WorkspaceRules } from '../classification/workspace-rules';
import { ServiceOwnership } from '../services/service-ownership';
import { FindingLinker } from '../links/finding-linker';
import { withClassification, type FindingRecord } from './finding-record';
import type { BatchOutcome } from './batch-outcome';

interface UpsertedRow {
  id: string;
  service_id: string;
  fingerprint: string;
  inserted: boolean;
}

/**
 * Stores a batch of sightings inside the caller's transaction. Writes are set-based (arrays unnested
 * in SQL), so a batch costs a handful of statements whatever its size, and never hits the bind limit.
 */
@Injectable()
export class FindingIngestRepository {
  constructor(
    private readonly workspaceRules: WorkspaceRules,
    private readonly linker: FindingLinker,
    private readonly ownership: ServiceOwnership,
  ) {}

  /** `teams`: the sender's team scope; null (organisation-wide) for the demo and unrestricted callers. */
  async upsert(manager: EntityManager, sightings: readonly FindingRecord[], importId: string, teams: TeamScope = null): Promise<BatchOutcome> {
    // Parsers classify with the built-in rules; the organisation's own rules are applied here, in one place.
    const rules = await this.workspaceRules.current(manager);
    const records = rules.length ? sightings.map((r) => withClassification(r, rules)) : sightings;
    const { findings, detections } = mergeSightings(records);
    if (findings.length === 0) return { received: records.length, createdIds: [], updatedIds: [], allIds: [] };

    const serviceNames = [...new Set(findings.map((f) => f.serviceName))].sort();
    // Serialises concurrent uploads for the same services, so that two at once equal one after the other.
    await manager.query(
      `SELECT count(pg_advisory_xact_lock(hashtextextended('escapement:service:' || name, 0)))
         FROM (SELECT name FROM unnest($1::text[]) AS name ORDER BY name) AS ordered`,
      [serviceNames],
    );
    await this.ownership.claim(manager, serviceNames, teams);
    const services: { id: string; name: string }[] = await manager.query(`SELECT id, name FROM services WHERE name = ANY($1::text[])`, [serviceNames]);
    const serviceId = new Map(services.map((s) => [s.name, s.id]));

    const serviceName = new Map(services.map((s) => [s.id, s.name]));
    const changed = await this.upsertFindings(manager, findings, serviceId);
    const ids = new Map(changed.map((row) => [findingKey(serviceName.get(row.service_id)!, row.fingerprint), row.id]));
    const created = new Set(changed.filter((row) => row.inserted).map((row) => row.id));
    const updated = new Set(changed.filter((row) => !row.inserted).map((row) => row.id));
    await this.resolveIds(manager, findings, serviceId, ids);
    await this.applyChangeRefs(manager, findings, ids);

    // A finding stored by this batch already has the status its sighting asked for and the stage and time
    // of its first sighting (its detections are all from this batch): only findings stored before are revisited.
    const stored = created.size ? findings.filter((f) => !created.has(ids.get(findingKey(f.serviceName, f.fingerprint))!)) : findings;
    for (const id of await this.applyStatuses(manager, stored, ids)) updated.add(id);
    for (const id of await this.applyScannerStates(manager, stored, ids)) updated.add(id);
    const redetected = await this.upsertDetections(manager, detections, ids, importId);
    for (const id of redetected) updated.add(id);
    await this.refreshFirstDetection(manager, redetected.filter((id) => !created.has(id)));

    for (const id of created) updated.delete(id);
    await this.linker.relink(manager, { findingIds: [...created, ...updated], serviceIds: services.map((s) => s.id), newIds: created });
    return { received: records.length, createdIds: [...created], updatedIds: [...updated], allIds: [...ids.values()] };
  }

  /** Ties findings to the change ref their sender named; one that names none keeps its stored ref. */
  private async applyChangeRefs(manager: EntityManager, findings: FindingRecord[], ids: Map<string, string>): Promise<void> {
    const named = findings.filter((f) => f.changeRef);
    if (!named.length) return;
    await manager.query(
      `UPDATE findings f SET change_ref = v.ref FROM unnest($1::uuid[], $2::text[]) AS v(id, ref) WHERE f.id = v.id AND f.change_ref IS DISTINCT FROM v.ref`,
      [named.map((f) => ids.get(findingKey(f.serviceName, f.fingerprint))), named.map((f) => f.changeRef)],
    );
  }

  /** Inserts new findings and rewrites changed ones; rows already stored exactly so are left untouched. */
  private async upsertFindings(manager: EntityManager, findings: FindingRecord[], serviceId: Map<string, string>): Promise<UpsertedRow[]> {
    return manager.query(
      `INSERT INTO findings AS f (${NEW_FINDING_COLUMNS})
       SELECT ${NEW_FINDING_VALUES}
         FROM ${NEW_FINDING_ROWS}
       ON CONFLICT (service_id, fingerprint) DO UPDATE SET
              title = excluded.title, severity = excluded.severity, cwe_ids = excluded.cwe_ids, rule_id = excluded.rule_id,
              tool = coalesce(excluded.tool, f.tool), repo = coalesce(excluded.repo, f.repo), path = coalesce(excluded.path, f.path),
              line = coalesce(excluded.line, f.line), introduced_at = least(f.introduced_at, excluded.introduced_at),
              -- The commit goes with the earliest introduction; at the same time (or none), a stored commit stays.
              introduced_commit = CASE WHEN excluded.introduced_at < f.introduced_at OR (f.introduced_at IS NULL AND excluded.introduced_at IS NOT NULL)
                                       THEN excluded.introduced_commit
                                       WHEN excluded.introduced_at IS NOT DISTINCT FROM f.introduced_at
                                       THEN coalesce(f.introduced_commit, excluded.introduced_commit)
                                       ELSE f.introduced_commit END,
              -- A person's override of the class wins over the rules, on every later import.
              finding_class = CASE WHEN f.class_overridden THEN f.finding_class ELSE excluded.finding_class END,
              category = CASE WHEN f.class_overridden THEN f.category ELSE excluded.category END,
              class_rule = CASE WHEN f.class_overridden THEN f.class_rule ELSE excluded.class_rule END,
              class_reason = CASE WHEN f.class_overridden THEN f.class_reason ELSE excluded.class_reason END,
              layer = CASE WHEN f.class_overridden THEN f.layer ELSE excluded.layer END,
              updated_at = now()
        WHERE (f.title, f.severity, f.cwe_ids, f.rule_id, f.tool, f.repo, f.path, f.line, f.introduced_at, f.introduced_commit,
               f.finding_class, f.category, f.class_rule, f.class_reason, f.layer)
              IS DISTINCT FROM
              (excluded.title, excluded.severity, excluded.cwe_ids, excluded.rule_id, coalesce(excluded.tool, f.tool),
               coalesce(excluded.repo, f.repo), coalesce(excluded.path, f.path), coalesce(excluded.line, f.line),
               least(f.introduced_at, excluded.introduced_at),
               CASE WHEN excluded.introduced_at < f.introduced_at OR (f.introduced_at IS NULL AND excluded.introduced_at IS NOT NULL)
                    THEN excluded.introduced_commit
                    WHEN excluded.introduced_at IS NOT DISTINCT FROM f.introduced_at
                    THEN coalesce(f.introduced_commit, excluded.introduced_commit)
                    ELSE f.introduced_commit END,
               CASE WHEN f.class_overridden THEN f.finding_class ELSE excluded.finding_class END,
               CASE WHEN f.class_overridden THEN f.category ELSE excluded.category END,
               CASE WHEN f.class_overridden THEN f.class_rule ELSE excluded.class_rule END,
               CASE WHEN f.class_overridden THEN f.class_reason ELSE excluded.class_reason END,
               CASE WHEN f.class_overridden THEN f.layer ELSE excluded.layer END)
       RETURNING f.id, f.service_id, f.fingerprint, (f.xmax = 0) AS inserted`,
      newFindingArrays(findings, serviceId),
    );
  }

  /** Ids of the batch's findings that the upsert did not return because they were unchanged. */
  private async resolveIds(manager: EntityManager, findings: FindingRecord[], serviceId: Map<string, string>, ids: Map<string, string>): Promise<void> {
    const missing = findings.filter((f) => !ids.has(findingKey(f.serviceName, f.fingerprint)));
    if (missing.length === 0) return;
    const rows: { id: string; service_name: string; fingerprint: string }[] = await manager.query(
      `SELECT f.id, s.name AS service_name, f.fingerprint
         FROM unnest($1::uuid[], $2::text[]) AS k(service_id, fingerprint)
         JOIN findings f ON f.service_id = k.service_id AND f.fingerprint = k.fingerprint
         JOIN services s ON s.id = f.service_id`,
      [missing.map((f) => serviceId.get(f.serviceName)!), missing.map((f) => f.fingerprint)],
    );
    for (const row of rows) ids.set(findingKey(row.service_name, row.fingerprint), row.id);
  }

  /** A status sent with a sighting is applied; a sighting without one keeps what is stored. */
  private async applyStatuses(manager: EntityManager, findings: FindingRecord[], ids: Map<string, string>): Promise<string[]> {
    const withStatus = findings.filter((f) => f.status !== null);
    if (withStatus.length === 0) return [];
    const rows = await modifyReturning<{ id: string }>(manager,
      `UPDATE findings f
          SET status = s.status::finding_status,
              fixed_at = CASE WHEN s.status = 'fixed' THEN coalesce(f.fixed_at, now()) ELSE NULL END,
              updated_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS s(id, status)
        WHERE f.id = s.id AND f.status <> s.status::finding_status
       RETURNING f.id`,
      [withStatus.map((f) => ids.get(findingKey(f.serviceName, f.fingerprint))!), withStatus.map((f) => f.status)],
    );
    return rows.map((r) => r.id);
  }

  /** A scan that still reports a fixed finding reopens it; a suppression in the tool suppresses it. */
  private async applyScannerStates(manager: EntityManager, findings: FindingRecord[], ids: Map<string, string>): Promise<string[]> {
    const idsIn = (state: 'present' | 'suppressed') =>
      findings.filter((f) => f.status === null && f.scannerState === state).map((f) => ids.get(findingKey(f.serviceName, f.fingerprint))!);
    const present = idsIn('present');
    const suppressed = idsIn('suppressed');
    if (present.length === 0 && suppressed.length === 0) return [];
    const rows = await modifyReturning<{ id: string }>(manager,
      `UPDATE findings
          SET status = CASE WHEN id = ANY($2::uuid[]) THEN 'suppressed'::finding_status ELSE 'open'::finding_status END,
              fixed_at = NULL, updated_at = now()
        WHERE (id = ANY($1::uuid[]) AND status IN ('fixed', 'suppressed'))
           OR (id = ANY($2::uuid[]) AND status IN ('open', 'fixed'))
       RETURNING id`,
      [present, suppressed],
    );
    return rows.map((r) => r.id);
  }

  /** One detection per finding and stage; an earlier sighting replaces a later one, a later one changes nothing. */
  private async upsertDetections(
    manager: EntityManager,
    detections: readonly DetectionRecord[],
    ids: Map<string, string>,
    importId: string,
  ): Promise<string[]> {
    const rows: { finding_id: string }[] = await manager.query(
      `INSERT INTO detections AS d (${NEW_DETECTION_COLUMNS})
       SELECT ${NEW_DETECTION_VALUES} FROM ${NEW_DETECTION_ROWS}
       ON CONFLICT (finding_id, stage) DO UPDATE SET
              detected_at = excluded.detected_at, source_kind = excluded.source_kind, tool = excluded.tool,
              import_id = excluded.import_id, commit_sha = excluded.commit_sha
        WHERE excluded.detected_at < d.detected_at
       RETURNING d.finding_id`,
      newDetectionArrays(
        detections,
        detections.map((d) => ids.get(d.key)!),
        importId,
      ),
    );
    return [...new Set(rows.map((r) => r.finding_id))];
  }

  /**
   * Keeps the finding's escape stage equal to its first detection in time (ties: the earlier stage), and
   * its first detection time equal to the earliest of its detections.
   */
  private async refreshFirstDetection(manager: EntityManager, findingIds: string[]): Promise<void> {
    if (findingIds.length === 0) return;
    await manager.query(
      `UPDATE findings f
          SET first_detected_stage = d.stage, first_detected_at = d.detected_at, updated_at = now()
         FROM (SELECT DISTINCT ON (finding_id) finding_id, stage, detected_at
                 FROM detections WHERE finding_id = ANY($1::uuid[])
                ORDER BY finding_id, detected_at, stage) AS d
        WHERE f.id = d.finding_id AND (f.first_detected_stage, f.first_detected_at) IS DISTINCT FROM (d.stage, d.detected_at)`,
      [findingIds],
    );
  }
}

/** The columns a new finding is stored with, in the order of `NEW_FINDING_VALUES` and `newFindingArrays`. */
export const NEW_FINDING_COLUMNS = `service_id, fingerprint, title, severity, cwe_ids, rule_id, tool, source_kind, repo, path, line,
  introduced_at, status, finding_class, category, class_rule, class_reason, first_detected_stage, first_detected_at, layer, introduced_commit`;

const NEW_FINDING_ARRAYS = `$1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
         $11::integer[], $12::timestamptz[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::timestamptz[], $20::text[], $21::text[]`;
const NEW_FINDING_ROW_NAMES = `service_id, fingerprint, title, severity, cwe_ids, rule_id, tool, source_kind, repo, path, line,
         introduced_at, status, finding_class, category, class_rule, class_reason, stage, detected_at, layer, introduced_commit`;

/** The batch's findings as rows `i`, from the 21 arrays of `newFindingArrays` ($1 to $21). */
export const NEW_FINDING_ROWS = `unnest(${NEW_FINDING_ARRAYS})
    AS i(${NEW_FINDING_ROW_NAMES})`;

/** The same rows with the ids they are stored with, made by the caller: a 22nd array, `$22`, as `i.id`. */
export const NEW_FINDING_ROWS_WITH_IDS = `unnest(${NEW_FINDING_ARRAYS}, $22::uuid[])
    AS i(${NEW_FINDING_ROW_NAMES}, id)`;

/** Rows `i` typed as the columns of `NEW_FINDING_COLUMNS`. */
export const NEW_FINDING_VALUES = `i.service_id, i.fingerprint, i.title, i.severity::severity, i.cwe_ids::integer[], i.rule_id, i.tool, i.source_kind::source_kind,
  i.repo, i.path, i.line, i.introduced_at, coalesce(i.status, 'open')::finding_status, i.finding_class::finding_class,
  i.category, i.class_rule, i.class_reason, i.stage::detection_stage, i.detected_at, i.layer::pwnisms_layer, i.introduced_commit`;

/** One array per column of `NEW_FINDING_COLUMNS`, as PostgreSQL array text (see `arrayLiteral`). */
export function newFindingArrays(findings: readonly FindingRecord[], serviceId: ReadonlyMap<string, string>): string[] {
  const column = (pick: (f: FindingRecord) => string | number | null) => arrayLiteral(findings.map(pick));
  return [
    column((f) => serviceId.get(f.serviceName)!),
    column((f) => f.fingerprint),
    column((f) => f.title),
    column((f) => f.severity),
    column((f) => `{${f.cweIds.join(',')}}`),
    column((f) => f.ruleId),
    column((f) => f.tool),
    column((f) => f.sourceKind),
    column((f) => f.repo),
    column((f) => f.path),
    column((f) => f.line),
    column((f) => f.introducedAt?.toISOString() ?? null),
    column((f) => f.status ?? (f.scannerState === 'suppressed' ? 'suppressed' : null)),
    column((f) => f.findingClass),
    column((f) => f.category),
    column((f) => f.classRule),
    column((f) => f.classReason),
    column((f) => f.stage),
    column((f) => f.detectedAt.toISOString()),
    column((f) => f.layer),
    column((f) => f.introducedCommit),
  ];
}

/** The columns a detection is stored with, in the order of `NEW_DETECTION_VALUES`. */
export const NEW_DETECTION_COLUMNS = 'finding_id, stage, source_kind, tool, import_id, commit_sha, detected_at';

/** The batch's detections as rows `i`, from the arrays of `newDetectionArrays` ($1 to $7; $6 the import). */
export const NEW_DETECTION_ROWS = `unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $7::timestamptz[])
    AS i(finding_id, stage, source_kind, tool, commit_sha, detected_at)`;

/** Rows `i` typed as the columns of `NEW_DETECTION_COLUMNS`, all from the import `$6`. */
export const NEW_DETECTION_VALUES = 'i.finding_id, i.stage::detection_stage, i.source_kind::source_kind, i.tool, $6::uuid, i.commit_sha, i.detected_at';

/** The parameters of `NEW_DETECTION_ROWS`: one array per column (see `arrayLiteral`), each detection's finding id given. */
export function newDetectionArrays(detections: readonly DetectionRecord[], findingIdOfEach: readonly string[], importId: string): string[] {
  return [
    arrayLiteral(findingIdOfEach),
    arrayLiteral(detections.map((d) => d.stage)),
    arrayLiteral(detections.map((d) => d.sourceKind)),
    arrayLiteral(detections.map((d) => d.tool)),
    arrayLiteral(detections.map((d) => d.commitSha)),
    importId,
    arrayLiteral(detections.map((d) => d.detectedAt.toISOString())),
  ];
}
