import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ImportWarnings, isEscape, type DetectionStage, type ImportWarning } from '@escapement/domain';
import { AuditLog } from '../audit/audit-log.repository';
import { actorOf, type Principal, type TeamScope } from '../auth/principal';
import { notFound } from '../common/domain-error';
import { decodeCursor, encodeCursor } from '../common/page-cursor';
import { FindingDetailRepository } from './finding-detail.repository';
import { ImportLogRepository, type ImportReceipt } from '../imports/import-log.repository';
import { importSender } from '../imports/import-viewer';
import { warnReplacedNul } from '../imports/readers/record-warnings';
import { FindingIngestRepository } from './finding-ingest.repository';
import { parseFindingsBody } from './finding-input.parser';
import { acceptsCursorValue, FindingQueryRepository } from './finding-query.repository';
import type { FindingRecord } from './finding-record';
import { batchCounts } from './batch-outcome';
import { OrganisationRefsRepository } from '../teams/organisation-refs.repository';
import { FindingDetailResponse, FindingPageResponse, ListFindingsQuery, mapFinding, UpsertCountsResponse } from './finding.dto';
import { ImportFollowUp } from './import-follow-up';

@Injectable()
export class FindingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ingest: FindingIngestRepository,
    private readonly importLog: ImportLogRepository,
    private readonly query: FindingQueryRepository,
    private readonly details: FindingDetailRepository,
    private readonly audit: AuditLog,
    private readonly refs: OrganisationRefsRepository,
    private readonly importFollowUp: ImportFollowUp,
  ) {}

  /**
   * Validates the whole body first, then stores it in one transaction: all of it or none of it. A
   * team-limited sender writes only to its team's services.
   */
  async upsertFromJson(body: unknown, sender: Principal): Promise<UpsertCountsResponse> {
    const records = parseFindingsBody(body);
    const contentSha256 = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const warnings = new ImportWarnings();
    const prefix = Array.isArray(body) ? '' : '/findings';
    records.forEach((record, index) => warnReplacedNul(warnings, record, { pointer: `${prefix}/${index}` }));
    const receipt = { format: 'json', stage: null, receivedBy: actorOf(sender), fileName: null, contentSha256, sender: importSender(sender) };
    return this.store(records, receipt, sender.teams, warnings.list());
  }

  async store(records: FindingRecord[], receipt: ImportReceipt, teams: TeamScope, warnings: ImportWarning[] = []): Promise<UpsertCountsResponse> {
    const finish = this.importFollowUp.begin(receipt.format);
    const stored = await this.dataSource
      .transaction(async (manager) => {
        const importId = await this.importLog.open(manager, receipt);
        const counts = batchCounts(await this.ingest.upsert(manager, records, importId, teams));
        // A JSON body has no scanner states, so nothing in it arrives suppressed.
        await this.importLog.complete(manager, importId, { ...counts, suppressed: 0, warnings });
        await this.audit.record(manager, { actor: receipt.receivedBy, action: 'import.completed', subjectType: 'import', subjectId: importId, details: { format: receipt.format, ...counts } });
        return { importId, ...counts };
      })
      .catch((error: unknown) => {
        finish('failed');
        throw error;
      });
    finish('completed', stored);
    return stored;
  }

  /** A finding of another team is answered 404, like one that does not exist: its id tells nothing. */
  async detail(id: string, boundary: DetectionStage, teams: TeamScope): Promise<FindingDetailResponse> {
    const row = await this.query.findById(id, teams);
    const extras = row && (await this.details.extras(id));
    if (!row || !extras) throw notFound('Finding', id);
    const [detections, links] = await Promise.all([this.details.detections(id), this.details.links(id)]);
    return {
      ...mapFinding(row),
      override: extras.class_overridden ? { by: extras.class_overridden_by, at: extras.class_overridden_at!.toISOString() } : null,
      fixedAt: extras.fixed_at?.toISOString() ?? null,
      boundary,
      escaped: isEscape(row.first_detected_stage, boundary),
      gap: extras.gap,
      detections: detections.map((d) => ({ stage: d.stage, sourceKind: d.source_kind, tool: d.tool, importId: d.import_id, commit: d.commit_sha, detectedAt: d.detected_at.toISOString() })),
      links: links.map((l) => ({
        threatModelId: l.threat_model_id,
        service: l.service_name,
        component: { key: l.component_key, name: l.component_name, layer: l.component_layer },
        threat: l.threat_key
          ? { key: l.threat_key, title: l.threat_title, stride: l.threat_stride, cweIds: l.threat_cwe_ids ?? [], firstEffectiveFrom: l.threat_first_effective_from?.toISOString() ?? null }
          : null,
        source: l.source,
      })),
    };
  }

  /** `team` and `service` by id or by name. */
  async list(request: ListFindingsQuery, teams: TeamScope): Promise<FindingPageResponse> {
    const query = await this.refs.resolve(request, teams);
    const limit = query.limit ?? 50;
    const rows = await this.query.list(query, decodeCursor(query.cursor, (at) => acceptsCursorValue(query.sort ?? 'detected', at)), limit + 1, teams);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(mapFinding),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursor_value, id: last.id }) : null,
    };
  }
}
