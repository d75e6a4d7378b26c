import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isEscape, type ChangeLinkSource, type DetectionStage, type FindingClass, type Severity } from '@escapement/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { TeamScope } from '../auth/principal';
import { ReadDatabase } from '../database/read-database.repository';
import { modifyReturning } from '../common/sql';
import type { ChangeRecord, ChangeRow, ListChangesQuery, MetricChangeRow } from './change.dto';
import { countedFinding } from '../common/counted-finding';

export interface ChangeFindingRow {
  id: string;
  title: string;
  severity: Severity;
  finding_class: FindingClass;
  first_detected_stage: DetectionStage;
  first_detected_at: Date;
  introduced_at: Date | null;
  introduced_commit: string | null;
  link_source: ChangeLinkSource;
  change_id: string;
  service_name: string;
}

export interface ChangeFindingTallyRow {
  change_id: string;
  finding_class: FindingClass;
  linked: number;
  counted: number;
  escaped: number;
}

export interface EscapedFindingRow {
  id: string;
  title: string;
  change_id: string;
  service_name: string;
  first_detected_stage: DetectionStage;
  first_detected_at: Date;
}

const DATED = 'coalesce(c.merged_at, c.opened_at, c.recorded_at)';
/** Every kind of serving that names the change, by what it vouches for. */
const SERVED = `
  LEFT JOIN LATERAL (
    SELECT coalesce(bool_or(s.kind IN ('pack', 'model')), false) AS served_pack,
           coalesce(bool_or(s.kind = 'criteria'), false) AS served_criteria,
           coalesce(bool_or(s.kind IN ('checklist', 'review')), false) AS served_review
      FROM context_servings s WHERE s.service_id = c.service_id AND s.change_ref = c.ref
  ) sv ON true`;
const CHANGES = `
    FROM changes c
    JOIN services s ON s.id = c.service_id
    LEFT JOIN teams t ON t.id = s.team_id
    ${SERVED}`;
const SELECT_CHANGE = `
  SELECT c.*, s.name AS service_name, s.team_id, t.name AS team_name, ${DATED} AS dated_at, sv.*,
         (SELECT count(*)::int FROM findings f WHERE f.linked_change_id = c.id AND f.service_id = c.service_id) AS findings,
         to_json(${DATED}) #>> '{}' AS cursor_value
    ${CHANGES}`;
/** The changes the change-context metric compares: parameters $1 to $5 of `metricChangesParameters`. */
const METRIC_CHANGES = `($1::uuid[] IS NULL OR s.team_id = ANY ($1::uuid[])) AND ($2::uuid IS NULL OR s.team_id = $2) AND ($3::text IS NULL OR s.name = $3)
  AND ($4::timestamptz IS NULL OR ${DATED} >= $4) AND ($5::timestamptz IS NULL OR ${DATED} < $5)`;
export type MetricChangesFilter = { team?: string; service?: string; from?: string; to?: string };
const metricChangesParameters = (filter: MetricChangesFilter, teams: TeamScope) => [teams, filter.team ?? null, filter.service?.trim() ?? null, filter.from ?? null, filter.to ?? null];
/** All four flags true, a stated value first and a serving when none was stated (as resolveContextFlags does). */
const FULL_CONTEXT = `(c.threat_model_linked IS TRUE
  AND coalesce(c.acceptance_criteria, CASE WHEN sv.served_criteria THEN true END) IS TRUE
  AND coalesce(c.prompt_context, CASE WHEN sv.served_pack THEN true END) IS TRUE
  AND coalesce(c.reviewed_against_model, CASE WHEN sv.served_review THEN true END) IS TRUE)`;

/** Changes, their derived flags and the findings they introduced (the link is stored on the finding, kept by the database's triggers). */
@Injectable()
export class ChangesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReadDatabase,
  ) {}

  /** The advisory locks uploads take per service, so a change and an upload naming a new service at once create it once. */
  async lockServices(manager: EntityManager, names: readonly string[]): Promise<void> {
    await manager.query(
      `SELECT count(pg_advisory_xact_lock(hashtextextended('escapement:service:' || name, 0))) FROM (SELECT name FROM unnest($1::text[]) AS name ORDER BY name) AS ordered`,
      [names],
    );
  }

  /**
   * Stores changes idempotently by service + ref: a re-send fills in and updates what it says, and never
   * erases what an earlier send said (a pipeline may post when the change opens and again when it merges).
   */
  async upsert(manager: EntityManager, records: readonly ChangeRecord[], recordedBy: string): Promise<{ id: string; inserted: boolean }[]> {
    const col = <T>(pick: (r: ChangeRecord) => T) => records.map(pick);
    const source = records[0]?.source ?? 'declared';
    return manager.query(
      `INSERT INTO changes AS c (service_id, ref, title, author, ticket, commits, base_commit, merge_commit, opened_at, merged_at, ai_assisted,
                                 threat_model_linked, threat_model_linked_source, acceptance_criteria, acceptance_criteria_source,
                                 prompt_context, prompt_context_source, reviewed_against_model, reviewed_against_model_source, recorded_by)
       SELECT s.id, i.ref, i.title, i.author, i.ticket, ARRAY(SELECT jsonb_array_elements_text(i.commits)), i.base_commit, i.merge_commit, i.opened_at, i.merged_at, i.ai_assisted,
              i.tml, CASE WHEN i.tml IS NOT NULL THEN $16::context_flag_source END,
              i.ac, CASE WHEN i.ac IS NOT NULL THEN $16::context_flag_source END,
              i.pc, CASE WHEN i.pc IS NOT NULL THEN $16::context_flag_source END,
              i.ram, CASE WHEN i.ram IS NOT NULL THEN $16::context_flag_source END, $17
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[],
                     $11::boolean[], $12::boolean[], $13::boolean[], $14::boolean[], $15::boolean[])
           AS i(service, ref, title, author, ticket, commits, base_commit, merge_commit, opened_at, merged_at, ai_assisted, tml, ac, pc, ram)
         JOIN services s ON s.name = i.service
       ON CONFLICT (service_id, ref) DO UPDATE SET
         title = coalesce(excluded.title, c.title),
         author = coalesce(excluded.author, c.author),
         ticket = coalesce(excluded.ticket, c.ticket),
         commits = CASE WHEN cardinality(excluded.commits) > 0 THEN excluded.commits ELSE c.commits END,
         base_commit = coalesce(excluded.base_commit, c.base_commit),
         merge_commit = coalesce(excluded.merge_commit, c.merge_commit),
         opened_at = coalesce(excluded.opened_at, c.opened_at),
         merged_at = coalesce(excluded.merged_at, c.merged_at),
         ai_assisted = coalesce(excluded.ai_assisted, c.ai_assisted),
         threat_model_linked = coalesce(excluded.threat_model_linked, c.threat_model_linked),
         threat_model_linked_source = coalesce(excluded.threat_model_linked_source, c.threat_model_linked_source),
         acceptance_criteria = coalesce(excluded.acceptance_criteria, c.acceptance_criteria),
         acceptance_criteria_source = coalesce(excluded.acceptance_criteria_source, c.acceptance_criteria_source),
         prompt_context = coalesce(excluded.prompt_context, c.prompt_context),
         prompt_context_source = coalesce(excluded.prompt_context_source, c.prompt_context_source),
         reviewed_against_model = coalesce(excluded.reviewed_against_model, c.reviewed_against_model),
         reviewed_against_model_source = coalesce(excluded.reviewed_against_model_source, c.reviewed_against_model_source),
         updated_at = now()
       RETURNING c.id, (xmax = 0) AS inserted`,
      [
        col((r) => r.serviceName),
        col((r) => r.ref),
        col((r) => r.title),
        col((r) => r.author),
        col((r) => r.ticket),
        col((r) => JSON.stringify(r.commits)),
        col((r) => r.baseCommit),
        col((r) => r.mergeCommit),
        col((r) => r.openedAt),
        col((r) => r.mergedAt),
        col((r) => r.aiAssisted),
        col((r) => r.flags.threatModelLinked),
        col((r) => r.flags.acceptanceCriteria),
        col((r) => r.flags.promptContext),
        col((r) => r.flags.reviewedAgainstModel),
        source,
        recordedBy,
      ],
    );
  }

  /** A change outside the caller's teams is as absent as one that does not exist. */
  async findById(id: string, teams: TeamScope): Promise<ChangeRow | null> {
    const [row] = await this.dataSource.query(`${SELECT_CHANGE} WHERE c.id = $1 AND ($2::uuid[] IS NULL OR s.team_id = ANY ($2::uuid[]))`, [id, teams]);
    return row ?? null;
  }

  async list(query: ListChangesQuery, cursor: { at: string; id: string } | null, limit: number, teams: TeamScope): Promise<ChangeRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (teams) where.push(`s.team_id = ANY (${bind(teams)}::uuid[])`);
    if (query.team) where.push(`s.team_id = ${bind(query.team)}::uuid`);
    if (query.service) where.push(`s.name = ${bind(query.service.trim())}`);
    if (query.context) where.push(`${FULL_CONTEXT} = ${query.context === 'with'}`);
    if (query.q) {
      const like = bind(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(c.ref ILIKE ${like} OR c.title ILIKE ${like})`);
    }
    if (query.from) where.push(`${DATED} >= ${bind(query.from)}::timestamptz`);
    if (query.to) where.push(`${DATED} < ${bind(query.to)}::timestamptz`);
    if (cursor) where.push(`(${DATED}, c.id) < (${bind(cursor.at)}::timestamptz, ${bind(cursor.id)}::uuid)`);
    return this.dataSource.query(
      `${SELECT_CHANGE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${DATED} DESC, c.id DESC LIMIT ${bind(limit)}`,
      params,
    );
  }

  /** Changes of the metric: the caller's teams, optionally one team or service and a period of their dates. Read from the replica, as every metric. */
  async forMetric(filter: MetricChangesFilter, teams: TeamScope): Promise<MetricChangeRow[]> {
    // Without each change's commits and count of findings: at a million findings that count alone read every linked finding.
    // In a fixed order: the seeded cluster permutation test shuffles the changes as listed, so rows in the
    // order a plan happened to give them moved the p-value between requests over the same data.
    return this.reads.query(
      `SELECT c.id, c.ref, c.service_id, s.team_id, t.name AS team_name, ${DATED} AS dated_at,
              c.threat_model_linked, c.threat_model_linked_source, c.acceptance_criteria, c.acceptance_criteria_source,
              c.prompt_context, c.prompt_context_source, c.reviewed_against_model, c.reviewed_against_model_source, sv.*
       ${CHANGES}
        WHERE ${METRIC_CHANGES}
        ORDER BY ${DATED}, c.id`,
      metricChangesParameters(filter, teams),
    );
  }

  /**
   * Findings linked to this change that the rates count (not suppressed nor false positive), from the
   * primary: the change's page must show a link just made by hand.
   */
  async findingsOf(changeId: string): Promise<ChangeFindingRow[]> {
    return this.dataSource.query(
      `SELECT f.id, f.title, f.severity, f.finding_class, f.first_detected_stage, f.first_detected_at, f.introduced_at, f.introduced_commit,
              f.change_link_source AS link_source, f.linked_change_id AS change_id, s.name AS service_name
         FROM findings f
         JOIN changes c ON c.id = f.linked_change_id AND c.service_id = f.service_id
         JOIN services s ON s.id = f.service_id
        WHERE f.linked_change_id = $1 AND ${countedFinding('f')}
        ORDER BY f.first_detected_at DESC, f.id`,
      [changeId],
    );
  }

  /**
   * The metric's tallies per change of `forMetric` and finding class (tallyChangeFindings in the domain is
   * their definition), from the histograms the database keeps per change, class and stage of first
   * detection (migration ChangeFindingLagHistograms1765780000000): findings the rates count; those first
   * detected within `horizonDays` of their introduction, else of the change's date (a lag of at most that
   * many whole days, rounded up, is exactly that: the running count at the last lag at most the horizon);
   * those of them at or after the boundary. At a million findings this reads 9,638 rows instead of 755,906
   * findings. It chooses the changes as `forMetric` does rather than taking their ids, so that both are read
   * at once.
   */
  async findingTallies(filter: MetricChangesFilter, teams: TeamScope, boundary: DetectionStage, horizonDays: number): Promise<ChangeFindingTallyRow[]> {
    return this.reads.query(
      `SELECT h.change_id, h.finding_class, sum(h.findings_within[cardinality(h.findings_within)])::int AS linked,
              coalesce(sum(h.findings_within[width_bucket($7::int, h.lag_days)]), 0)::int AS counted,
              coalesce(sum(h.findings_within[width_bucket($7::int, h.lag_days)]) FILTER (WHERE h.first_detected_stage >= $6::detection_stage), 0)::int AS escaped
         FROM change_finding_lags h
        WHERE h.change_id IN (SELECT c.id FROM changes c JOIN services s ON s.id = c.service_id WHERE ${METRIC_CHANGES})
        GROUP BY h.change_id, h.finding_class`,
      [...metricChangesParameters(filter, teams), boundary, horizonDays],
    );
  }

  /**
   * The latest counted design findings of these changes at or after the boundary, whatever their horizon:
   * the metric's list of escapes without context. First the newest design findings linked to any change,
   * walked through findings_design_escapes_idx in the list's order: when enough of them are of these
   * changes (of their own service) and escaped, they are the list. Otherwise (a narrow choice of changes,
   * rare escapes) the findings of these changes are read and sorted. The planner cannot tell the two
   * cases apart (at a million findings it sorted 45,000 production escapes, half a second, where the walk
   * needed 300 rows), so the walk comes first and is bounded.
   */
  async escapedDesignFindings(
    changes: readonly { id: string; serviceId: string }[],
    boundary: DetectionStage,
    limit: number,
    walk: readonly number[] = [250, 2000],
  ): Promise<EscapedFindingRow[]> {
    if (!changes.length) return [];
    const serviceOf = new Map(changes.map((c) => [c.id, c.serviceId]));
    const escaped: EscapedFindingRow[] = [];
    let after: { at: string; id: string } | null = null;
    // A page that usually holds the list (about 60 rows at boundary ci), then a longer one (rarer escapes).
    for (const page of walk) {
      const newest: (EscapedFindingRow & { service_id: string; at: string })[] = await this.reads.query(
        `SELECT f.id, f.title, f.linked_change_id AS change_id, f.service_id, s.name AS service_name, f.first_detected_stage, f.first_detected_at,
                to_json(f.first_detected_at) #>> '{}' AS at
           FROM findings f JOIN services s ON s.id = f.service_id
          WHERE f.finding_class = 'design' AND f.linked_change_id IS NOT NULL AND ${countedFinding('f')}
            AND ($2::timestamptz IS NULL OR f.first_detected_at < $2 OR (f.first_detected_at = $2 AND f.id > $3))
          ORDER BY f.first_detected_at DESC, f.id
          LIMIT $1`,
        [page, after?.at ?? null, after?.id ?? null],
      );
      for (const { service_id: serviceId, at: _, ...f } of newest) {
        if (serviceOf.get(f.change_id) === serviceId && isEscape(f.first_detected_stage, boundary)) escaped.push(f);
      }
      if (escaped.length >= limit || newest.length < page) return escaped.slice(0, limit);
      const last = newest[newest.length - 1];
      after = { at: last.at, id: last.id };
    }
    return this.reads.query(
      `SELECT f.id, f.title, f.linked_change_id AS change_id, s.name AS service_name, f.first_detected_stage, f.first_detected_at
         FROM findings f
         JOIN changes c ON c.id = f.linked_change_id AND c.service_id = f.service_id
         JOIN services s ON s.id = f.service_id
        WHERE f.linked_change_id = ANY ($1::uuid[]) AND ${countedFinding('f')}
          AND f.finding_class = 'design' AND f.first_detected_stage >= $2::detection_stage
        ORDER BY f.first_detected_at DESC, f.id
        LIMIT $3`,
      [changes.map((c) => c.id), boundary, limit],
    );
  }

  /** The change a finding came from, if any. */
  async changeOfFinding(findingId: string): Promise<{ change_id: string; link_source: ChangeLinkSource } | null> {
    const [row] = await this.dataSource.query(`SELECT linked_change_id AS change_id, change_link_source AS link_source FROM findings WHERE id = $1 AND linked_change_id IS NOT NULL`, [findingId]);
    return row ?? null;
  }

  async findingTeam(findingId: string): Promise<{ service_id: string; team_id: string | null } | null> {
    const [row] = await this.dataSource.query(`SELECT f.service_id, s.team_id FROM findings f JOIN services s ON s.id = f.service_id WHERE f.id = $1`, [findingId]);
    return row ?? null;
  }

  /** Inside the caller's transaction, beside its audit record. */
  async linkByHand(manager: EntityManager, findingId: string, changeId: string | null, actor: string): Promise<void> {
    await modifyReturning(manager, `UPDATE findings SET change_id = $2, change_linked_by = $3, change_linked_at = now() WHERE id = $1 RETURNING id`, [
      findingId,
      changeId,
      changeId ? actor : null,
    ]);
  }

  async adoptions(teams: TeamScope): Promise<{ team_id: string | null; team_name: string | null; service_name: string | null; started_at: string }[]> {
    return this.dataSource.query(
      `SELECT a.team_id, t.name AS team_name, s.name AS service_name, to_char(a.started_at, 'YYYY-MM-DD') AS started_at
         FROM adoptions a LEFT JOIN teams t ON t.id = a.team_id LEFT JOIN services s ON s.id = a.service_id
        WHERE $1::uuid[] IS NULL OR coalesce(a.team_id, s.team_id) = ANY ($1::uuid[])
        ORDER BY a.started_at`,
      [teams],
    );
  }
}
