import { Injectable } from '@nestjs/common';
import type { DemoChange, WorkspaceRule } from '@escapement/domain';
import type { EntityManager } from 'typeorm';
import { WorkspaceRules } from '../classification/workspace-rules';
import { findingKey, mergeSightings } from '../findings/finding-batch';
import { withClassification, type FindingRecord, type UpsertCounts } from '../findings/finding-record';
import { FindingSearchRepository } from '../findings/finding-search.repository';
import { FindingLinker } from '../links/finding-linker';
import type { AutoLink, FindingFacts } from '../links/finding-links.repository';
import { DemoBulkLoadRepository, LINKS_BY_FINDING } from './demo-bulk-load.repository';
import { DemoRepository } from './demo.repository';

/**
 * What every batch of one bulk load is classified and linked by, read once when staging begins (the load
 * holds the rules and threat models unchanged until it commits), and the ids of the services met so far.
 */
export interface BulkStaging {
  rules: readonly WorkspaceRule[];
  autoLinks: (findings: readonly FindingFacts[]) => Promise<AutoLink[]>;
  serviceIds: Map<string, string>;
}

/**
 * Findings whose gap facts are written by one call: each call upserts the gap rollups its findings touch
 * once, and reads every finding once (the links' cohort dates are joined from the whole table), so few
 * large calls: at 10M findings, calls of 200,000 would read the table 50 times.
 */
const GAP_FACTS_CHUNK = 2_000_000;
const BEFORE_EVERY_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Stores demo sightings into a database that held no finding when seeding began: every finding is new,
 * so there is nothing to merge with, and the work ingest does per finding as it arrives is done once for
 * the whole load instead. What ends up stored is what ingest stores for the same sightings (an end-to-end
 * test compares every derived table of the two).
 */
@Injectable()
export class DemoBulkLoader {
  constructor(
    private readonly workspaceRules: WorkspaceRules,
    private readonly linker: FindingLinker,
    private readonly repository: DemoBulkLoadRepository,
    private readonly search: FindingSearchRepository,
    private readonly demo: DemoRepository,
  ) {}

  /**
   * Makes the staging tables, inside the transaction that will hold every batch, once no other bulk load
   * runs and with the rules and threat models held as they are (refused if the database holds findings),
   * and reads those rules and models once for every batch. Staging takes no lock an upload or a reader
   * waits on (only the weak ones of reading the services and of opening each batch's import).
   */
  async beginStaging(manager: EntityManager): Promise<BulkStaging> {
    await this.repository.lockForStaging(manager);
    await this.repository.roomForLargeStatements(manager);
    await this.repository.createStaging(manager);
    return { rules: await this.workspaceRules.current(manager), autoLinks: await this.linker.autoLinker(manager, null), serviceIds: new Map() };
  }

  /** One batch, between `beginStaging` and `finish` in the same transaction, with its own import: staged, not stored yet. */
  async stage(manager: EntityManager, staging: BulkStaging, sightings: readonly FindingRecord[], importId: string): Promise<UpsertCounts> {
    const records = staging.rules.length ? sightings.map((r) => withClassification(r, staging.rules)) : sightings;
    const { findings, detections } = mergeSightings(records);
    if (findings.length === 0) return { received: records.length, created: 0, updated: 0, unchanged: 0 };
    const serviceId = await this.serviceIdsOf(manager, staging, findings);

    const staged = await this.repository.stageFindings(manager, findings, serviceId);
    const serviceName = new Map([...serviceId].map(([name, id]) => [id, name]));
    const idOfKey = new Map(staged.map((row) => [findingKey(serviceName.get(row.service_id)!, row.fingerprint), row.id]));
    await this.repository.stageDetections(
      manager,
      detections,
      detections.map((d) => idOfKey.get(d.key)!),
      importId,
    );
    const facts = findings.map((f) => ({
      id: idOfKey.get(findingKey(f.serviceName, f.fingerprint))!,
      service_id: serviceId.get(f.serviceName)!,
      service: f.serviceName,
      repo: f.repo,
      path: f.path,
      cwe_ids: f.cweIds,
      category: f.category,
    }));
    await this.repository.stageLinks(manager, await staging.autoLinks(facts));
    // Into a database without findings, every finding of the batch is new.
    return { received: records.length, created: staged.length, updated: 0, unchanged: 0 };
  }

  /** The ids of the batch's services, read the first time each is met. */
  private async serviceIdsOf(manager: EntityManager, staging: BulkStaging, findings: readonly { serviceName: string }[]): Promise<ReadonlyMap<string, string>> {
    const unknown = [...new Set(findings.map((f) => f.serviceName))].filter((name) => !staging.serviceIds.has(name));
    if (unknown.length) for (const [name, id] of await this.repository.serviceIds(manager, unknown)) staging.serviceIds.set(name, id);
    return staging.serviceIds;
  }

  /**
   * Stores the demo's changes, then what was staged, tied to them: takes every lock the store needs (refused
   * if a finding arrived meanwhile), holds back the per-finding triggers, drops the secondary indexes and the
   * foreign keys (all for this transaction only), stores the findings, writes the gap facts after the links
   * and the text search's trigram sets, builds the indexes from the loaded rows, adds the foreign keys back
   * and turns the triggers back on, before the load commits.
   */
  async finish(manager: EntityManager, changes: readonly DemoChange[]): Promise<void> {
    await this.repository.lockForLoad(manager);
    await this.repository.holdBackPerFindingTriggers(manager);
    // Indexes first and foreign keys after them: no foreign key names a unique constraint that is dropped
    // (they name primary keys, which stay), so the order only keeps every index built before the checks run.
    const suspended = [...(await this.repository.suspendIndexes(manager)), ...(await this.repository.suspendForeignKeys(manager))];
    await this.demo.storeChangesInBulk(manager, changes);
    await this.repository.storeStaged(manager);
    await this.repository.rebuild(
      manager,
      suspended.filter((s) => s.name === LINKS_BY_FINDING),
    );
    for (let after: string | null = BEFORE_EVERY_ID; after !== null; ) after = await this.repository.storeGapFactsAfter(manager, after, GAP_FACTS_CHUNK);
    // The search's notes of the one insert span every id of each service: one pass over the findings instead.
    await this.search.addEveryFinding(manager);
    await this.repository.rebuild(
      manager,
      suspended.filter((s) => s.name !== LINKS_BY_FINDING),
    );
    await this.repository.restorePerFindingTriggers(manager);
  }
}
