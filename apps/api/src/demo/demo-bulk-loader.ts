import { Inject, Injectable } from '@nestjs/common';
import type { DemoChange } from '@escapement/domain';
import type { EntityManager } from 'typeorm';
import { WorkspaceRules } from '../classification/workspace-rules';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { UpsertCounts } from '../findings/finding-record';
import { FindingSearchRepository } from '../findings/finding-search.repository';
import { FindingLinker } from '../links/finding-linker';
import { withImport, type BulkStagingPlan, type EncodedBatch } from './demo-batch-encoder';
import { DemoBulkLoadRepository, LINKS_BY_FINDING } from './demo-bulk-load.repository';
import { DemoRepository } from './demo.repository';

/**
 * Stores demo sightings into a database that held no finding when seeding began: every finding is new,
 * so there is nothing to merge with, and the work ingest does per finding as it arrives is done once for
 * the whole load instead. What ends up stored is what ingest stores for the same sightings (an end-to-end
 * test compares every derived table of the two).
 */
@Injectable()
export class DemoBulkLoader {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly workspaceRules: WorkspaceRules,
    private readonly linker: FindingLinker,
    private readonly repository: DemoBulkLoadRepository,
    private readonly search: FindingSearchRepository,
    private readonly demo: DemoRepository,
  ) {}

  /**
   * Makes the staging tables, inside the transaction that will hold every batch, once no other bulk load
   * runs and with the rules and threat models held as they are (refused if the database holds findings),
   * and reads once what every batch is classified, linked and keyed by: those rules and models, and the ids
   * of the organisation's services (stored before its findings). Staging takes no lock an upload or a reader
   * waits on (only the weak ones of reading the services and of opening each batch's import).
   */
  async beginStaging(manager: EntityManager, services: readonly string[]): Promise<BulkStagingPlan> {
    await this.repository.lockForStaging(manager);
    await this.repository.roomForLargeStatements(manager);
    await this.repository.createStaging(manager);
    return {
      rules: [...(await this.workspaceRules.current(manager))],
      models: await this.linker.latestModelRows(manager, null),
      glob: this.config.threatModels.glob,
      serviceIds: [...(await this.repository.serviceIds(manager, services))],
    };
  }

  /** One batch encoded by the plan `beginStaging` gave, between it and `finish` in the same transaction, with its own import: staged, not stored yet. */
  async stage(manager: EntityManager, batch: EncodedBatch, importId: string): Promise<UpsertCounts> {
    if (batch.created > 0) await this.repository.stageBatch(manager, batch.findings, withImport(batch.detections, importId), batch.links);
    // Into a database without findings, every finding of the batch is new.
    return { received: batch.received, created: batch.created, updated: 0, unchanged: 0 };
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
    await this.repository.storeGapFacts(manager);
    // The search's notes of the one insert span every id of each service: one pass over the findings instead.
    await this.search.addEveryFinding(manager);
    await this.repository.rebuild(
      manager,
      suspended.filter((s) => s.name !== LINKS_BY_FINDING),
    );
    await this.repository.restorePerFindingTriggers(manager);
  }
}
