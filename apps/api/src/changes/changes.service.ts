import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  changeContext,
  CONTEXT_FLAGS,
  hasFullContext,
  resolveContextFlags,
  type ChangeContextMetricDto,
  type ChangeDetailDto,
  type ChangeDto,
  type ChangeRecordedDto,
  type ChangesBulkResultDto,
  type ContextFlag,
  type ContextFlagSource,
  type ContextFlags,
  type FindingChangeDto,
  type Page,
} from '@escapement/domain';
import { DataSource } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import { actorOf, canSeeTeam, type Principal, type TeamScope } from '../auth/principal';
import { invalid, notFound } from '../common/domain-error';
import { decodeCursor, encodeCursor, isCursorTimestamp } from '../common/page-cursor';
import { ServiceOwnership } from '../services/service-ownership';
import { FLAG_COLUMNS, type ChangeContextQuery, type ChangeRecord, type ChangeRow, type ListChangesQuery, type MetricChangeRow } from './change.dto';
import { parseChange, parseChanges, parseChangesCsvBody } from './change-input.parser';
import { ChangesRepository } from './changes.repository';
import { KeptChangeContextPValues } from './kept-p-values';

function flagsOf(row: MetricChangeRow): ContextFlags {
  const stated = Object.fromEntries(
    CONTEXT_FLAGS.map((flag) => [flag, { value: row[FLAG_COLUMNS[flag].value] as boolean | null, source: row[FLAG_COLUMNS[flag].source] as ContextFlagSource | null }]),
  ) as Record<ContextFlag, { value: boolean | null; source: ContextFlagSource | null }>;
  return resolveContextFlags(stated, { pack: row.served_pack, criteria: row.served_criteria, review: row.served_review });
}

export function mapChange(row: ChangeRow): ChangeDto {
  const flags = flagsOf(row);
  return {
    id: row.id,
    serviceId: row.service_id,
    serviceName: row.service_name,
    teamId: row.team_id,
    teamName: row.team_name,
    ref: row.ref,
    title: row.title,
    author: row.author,
    ticket: row.ticket,
    commits: row.commits,
    baseCommit: row.base_commit,
    mergeCommit: row.merge_commit,
    openedAt: row.opened_at?.toISOString() ?? null,
    mergedAt: row.merged_at?.toISOString() ?? null,
    aiAssisted: row.ai_assisted,
    flags,
    withContext: hasFullContext(flags),
    findings: row.findings,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

@Injectable()
export class ChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly changes: ChangesRepository,
    private readonly audit: AuditLog,
    private readonly ownership: ServiceOwnership,
    private readonly keptPValues: KeptChangeContextPValues,
  ) {}

  /** One change posted by CI: its flags are `declared`. */
  async record(body: unknown, caller: Principal): Promise<ChangeRecordedDto> {
    const { record, problems } = parseChange(body, '', 'declared');
    if (!record) throw invalid(`Invalid change: ${problems[0].pointer}: ${problems[0].message}`, problems);
    const [row] = await this.store([record], caller);
    return { id: row.id, created: row.inserted };
  }

  /** Many changes back-filled from a ticket-system export: their flags are `imported`. */
  async recordMany(body: unknown, caller: Principal): Promise<ChangesBulkResultDto> {
    if (typeof body === 'string') {
      const records = parseChangesCsvBody(body, 'imported');
      const rows = await this.store(records, caller);
      const created = rows.filter((r) => r.inserted).length;
      return { received: records.length, created, updated: rows.length - created };
    }
    const items = Array.isArray(body) ? body : (body as { changes?: unknown } | null)?.changes;
    const prefix = Array.isArray(body) ? '' : '/changes';
    if (!Array.isArray(items)) throw invalid('The body must be a JSON array of changes (or an object with a "changes" array)', [{ pointer: prefix || '/', message: 'expected an array' }]);
    const rows = await this.store(parseChanges(items, prefix, 'imported'), caller);
    const created = rows.filter((r) => r.inserted).length;
    return { received: items.length, created, updated: rows.length - created };
  }

  /** All or nothing, with the services' advisory locks that uploads take, so a change may come before or after its scanner upload. */
  private async store(records: ChangeRecord[], caller: Principal): Promise<{ id: string; inserted: boolean }[]> {
    if (!records.length) return [];
    const names = [...new Set(records.map((r) => r.serviceName))].sort();
    return this.dataSource.transaction(async (manager) => {
      await this.changes.lockServices(manager, names);
      await this.ownership.claim(manager, names, caller.teams);
      const rows = await this.changes.upsert(manager, records, actorOf(caller));
      await this.audit.record(manager, { actor: actorOf(caller), action: 'changes.recorded', subjectType: 'change', subjectId: rows[0].id, details: { changes: rows.length, created: rows.filter((r) => r.inserted).length } });
      return rows;
    });
  }

  async list(query: ListChangesQuery, teams: TeamScope): Promise<Page<ChangeDto>> {
    const limit = query.limit ?? 50;
    const rows = await this.changes.list(query, decodeCursor(query.cursor, isCursorTimestamp), limit + 1, teams);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(mapChange), nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursor_value, id: last.id }) : null };
  }

  async detail(id: string, teams: TeamScope): Promise<ChangeDetailDto> {
    const row = await this.changes.findById(id, teams);
    if (!row) throw notFound('Change', id);
    const findings = await this.changes.findingsOf(id);
    return {
      ...mapChange(row),
      findingsLinked: findings.map((f) => ({
        id: f.id,
        title: f.title,
        severity: f.severity,
        findingClass: f.finding_class,
        firstDetectedStage: f.first_detected_stage,
        firstDetectedAt: f.first_detected_at.toISOString(),
        introducedCommit: f.introduced_commit,
        linkedBy: f.link_source,
      })),
    };
  }

  /** The change a finding came from, with its flags; null when none is known. */
  async ofFinding(findingId: string, teams: TeamScope): Promise<FindingChangeDto | null> {
    const owner = await this.changes.findingTeam(findingId);
    if (!owner || !canSeeTeam(teams, owner.team_id)) throw notFound('Finding', findingId);
    const link = await this.changes.changeOfFinding(findingId);
    const row = link && (await this.changes.findById(link.change_id, teams));
    if (!link || !row) return null;
    const change = mapChange(row);
    return { id: change.id, ref: change.ref, title: change.title, mergedAt: change.mergedAt, flags: change.flags, linkedBy: link.link_source };
  }

  /** Ties a finding to a change of its own service by hand (null unties it); this wins over the ref and the commit. */
  async link(findingId: string, changeId: string | null, caller: Principal): Promise<FindingChangeDto | null> {
    const owner = await this.changes.findingTeam(findingId);
    if (!owner || !canSeeTeam(caller.teams, owner.team_id)) throw notFound('Finding', findingId);
    if (changeId) {
      const change = await this.changes.findById(changeId, caller.teams);
      if (!change) throw notFound('Change', changeId);
      if (change.service_id !== owner.service_id) throw invalid('The change is of another service than the finding', [{ pointer: '/changeId', message: `change ${change.ref} is of ${change.service_name}` }]);
    }
    await this.dataSource.transaction(async (manager) => {
      await this.changes.linkByHand(manager, findingId, changeId, actorOf(caller));
      await this.audit.record(manager, { actor: actorOf(caller), action: 'finding.change_linked', subjectType: 'finding', subjectId: findingId, details: { changeId } });
    });
    return this.ofFinding(findingId, caller.teams);
  }

  async metric(query: ChangeContextQuery, teams: TeamScope, now = new Date()): Promise<ChangeContextMetricDto> {
    if (query.from && query.to && query.from >= query.to) throw invalid('from must be before to', [{ parameter: 'from', message: `${query.from} is not before ${query.to}` }]);
    // The changes, their tallies and the adoptions at once: the tallies choose their changes as the list does.
    const [rows, tallies, adoptionRows] = await Promise.all([
      this.changes.forMetric(query, teams),
      this.changes.findingTallies(query, teams, query.boundary, query.horizonDays),
      this.changes.adoptions(teams),
    ]);
    const changes = rows.map((row) => ({ id: row.id, teamId: row.team_id, teamName: row.team_name, datedAt: row.dated_at, flags: flagsOf(row) }));
    const escaped = await this.changes.escapedDesignFindings(
      rows.filter((_, i) => !hasFullContext(changes[i].flags)).map((r) => ({ id: r.id, serviceId: r.service_id })),
      query.boundary,
      50,
    );
    const result = changeContext(
      changes,
      tallies.map((t) => ({ changeId: t.change_id, findingClass: t.finding_class, linked: t.linked, counted: t.counted, escaped: t.escaped })),
      { boundary: query.boundary, horizonDays: query.horizonDays, now, keptPValues: this.keptPValues },
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const escapedWithoutContext = escaped.map((f) => ({
      findingId: f.id,
      title: f.title,
      changeId: f.change_id,
      changeRef: byId.get(f.change_id)!.ref,
      serviceName: f.service_name,
      stage: f.first_detected_stage,
      detectedAt: f.first_detected_at.toISOString(),
    }));
    const adoptions = adoptionRows.map((a) => ({ teamId: a.team_id, teamName: a.team_name, serviceName: a.service_name, startedAt: a.started_at }));
    return { boundary: query.boundary, horizonDays: query.horizonDays, from: query.from ?? null, to: query.to ?? null, ...result, adoptions, escapedWithoutContext };
  }
}
