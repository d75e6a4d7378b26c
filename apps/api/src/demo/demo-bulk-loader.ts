import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WorkspaceRules } from '../classification/workspace-rules';
import { findingKey, mergeSightings } from '../findings/finding-batch';
import { withClassification, type FindingRecord } from '../findings/finding-record';
import type { BatchOutcome } from '../findings/import-tally';
import { FindingLinker } from '../links/finding-linker';
import { DemoBulkLoadRepository, type SuspendedIndex } from './demo-bulk-load.repository';

/**
 * Stores demo sightings into a database that held no finding when seeding began: every finding is new,
 * so there is nothing to merge with, and the work ingest does per finding as it arrives is done once per
 * batch instead. What ends up stored is what ingest stores for the same sightings (an end-to-end test
 * compares every derived table of the two); at 10M findings the difference is the seeding's hour.
 */
@Injectable()
export class DemoBulkLoader {
  constructor(
    private readonly workspaceRules: WorkspaceRules,
    private readonly linker: FindingLinker,
    private readonly repository: DemoBulkLoadRepository,
  ) {}

  /**
   * Readies the tables for the load, inside the transaction that will hold every batch: the per-finding
   * triggers are held back and the secondary indexes dropped, both for this transaction only.
   */
  async begin(manager: EntityManager): Promise<SuspendedIndex[]> {
    await this.repository.holdBackPerFindingTriggers(manager);
    return this.repository.suspendIndexes(manager);
  }

  /** Builds the indexes from the loaded rows and turns the triggers back on, before the load commits. */
  async finish(manager: EntityManager, suspended: readonly SuspendedIndex[]): Promise<void> {
    await this.repository.rebuildIndexes(manager, suspended);
    await this.repository.restorePerFindingTriggers(manager);
  }

  /** One batch, between `begin` and `finish` in the same transaction, with its own import. */
  async store(manager: EntityManager, sightings: readonly FindingRecord[], importId: string): Promise<BatchOutcome> {
    const rules = await this.workspaceRules.current(manager);
    const records = rules.length ? sightings.map((r) => withClassification(r, rules)) : sightings;
    const { findings, detections } = mergeSightings(records);
    if (findings.length === 0) return { received: records.length, createdIds: [], updatedIds: [], allIds: [] };
    const serviceId = await this.repository.serviceIds(manager, [...new Set(findings.map((f) => f.serviceName))]);

    const stored = await this.repository.insertFindings(manager, findings, serviceId);
    const serviceName = new Map([...serviceId].map(([name, id]) => [id, name]));
    const idOfKey = new Map(stored.map((row) => [findingKey(serviceName.get(row.service_id)!, row.fingerprint), row.id]));
    await this.repository.insertDetections(
      manager,
      detections,
      detections.map((d) => idOfKey.get(d.key)!),
      importId,
    );
    const ids = stored.map((row) => row.id);
    await this.linker.relink(manager, { findingIds: ids, serviceIds: [...serviceId.values()], newIds: new Set(ids) });
    await this.repository.storeGapFacts(manager, ids);
    return { received: records.length, createdIds: ids, updatedIds: [], allIds: ids };
  }
}
