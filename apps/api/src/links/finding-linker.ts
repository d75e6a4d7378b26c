import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventLoopTurns } from './event-loop-turns';
import { FindingLinksRepository, type AutoLink, type FindingFacts } from './finding-links.repository';
import { autoLinksOfFinding, modelSnapshots, type LatestModelRows, type ModelSnapshot } from './model-snapshots';

/**
 * What to relink: some findings (with their services when the caller knows them, and which of them were
 * stored by the caller's transaction and so have no links yet), the findings of a changed model's
 * services, or everything.
 */
export type RelinkScope = { findingIds: string[]; serviceIds?: string[]; newIds?: ReadonlySet<string> } | { modelId: string; serviceIds: string[] } | 'all';

const NONE: ReadonlySet<string> = new Set();

const BATCH = 5_000;

/**
 * Computes the automatic links of findings to the components and threats of the latest version of
 * each threat model that covers their service. A model covers its own service, and the services its
 * latest version could claim (named in its `services` rules and writable by its uploader): its
 * components never claim a finding of any other service, whatever their rules say, so an upload for
 * one team's service cannot move another team's links or gap figures. People's links and removals are
 * separate rows and are never touched here.
 *
 * Matching runs on the request's thread, so it gives the event loop a turn every few milliseconds:
 * a large model relinking thousands of findings must not stop the server answering others.
 */
@Injectable()
export class FindingLinker {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly links: FindingLinksRepository,
  ) {}

  /** Relinks the findings in scope; `string[]`/null are the short forms of `{ findingIds }`/`'all'`. */
  async relink(manager: EntityManager, scope: RelinkScope | string[] | null): Promise<void> {
    const resolved: RelinkScope = scope === null ? 'all' : Array.isArray(scope) ? { findingIds: scope } : scope;
    const turns = new EventLoopTurns();
    if (resolved !== 'all' && 'findingIds' in resolved) return this.relinkFindings(manager, resolved, turns);
    const serviceIds = resolved === 'all' ? null : resolved.serviceIds;
    // Links to a changed model that earlier rules made outside its scope go too.
    if (resolved !== 'all') await this.links.deleteAutoLinksOfModel(manager, resolved.modelId);
    const models = await this.latestModels(manager, serviceIds);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.links.factsAfter(manager, after, serviceIds, BATCH);
      if (batch.length === 0) return;
      await this.relinkBatch(manager, models, batch, turns);
      after = batch[batch.length - 1].id;
    }
  }

  private async relinkFindings(manager: EntityManager, scope: { findingIds: string[]; serviceIds?: string[]; newIds?: ReadonlySet<string> }, turns: EventLoopTurns): Promise<void> {
    const { findingIds: ids, newIds = NONE } = scope;
    if (ids.length === 0) return;
    // Only the models covering these findings' services are read and compiled.
    const models = await this.latestModels(manager, scope.serviceIds ?? (await this.links.servicesOf(manager, ids)));
    for (let i = 0; i < ids.length; i += BATCH) {
      const slice = ids.slice(i, i + BATCH);
      // No model covers these services: nothing to match, only their automatic links to remove.
      if (models.size === 0) await this.deleteAutoLinks(manager, slice, newIds);
      else await this.relinkBatch(manager, models, await this.links.factsOf(manager, slice), turns, newIds);
    }
  }

  /** A finding stored by this transaction has no links to remove: at a million findings each probe was a disk read. */
  private async deleteAutoLinks(manager: EntityManager, ids: string[], newIds: ReadonlySet<string>): Promise<void> {
    const linked = newIds.size ? ids.filter((id) => !newIds.has(id)) : ids;
    if (linked.length) await this.links.deleteAutoLinksOf(manager, linked);
  }

  private async relinkBatch(manager: EntityManager, models: ReadonlyMap<string, ModelSnapshot[]>, findings: FindingFacts[], turns: EventLoopTurns, newIds = NONE): Promise<void> {
    if (findings.length === 0) return;
    await this.deleteAutoLinks(manager, findings.map((f) => f.id), newIds);
    const rows = await this.linksOf(models, findings, turns);
    for (let i = 0; i < rows.length; i += BATCH) await this.links.insertAutoLinks(manager, rows.slice(i, i + BATCH));
  }

  /**
   * What the automatic links of every model covering `serviceIds` (null: every service) are computed from, as
   * stored: for a caller that links many batches while the models cannot change (a bulk load holds them
   * locked), perhaps on another thread (`modelSnapshots` compiles them there).
   */
  latestModelRows(manager: EntityManager, serviceIds: string[] | null): Promise<LatestModelRows> {
    return this.links.latestModelRows(manager, serviceIds);
  }

  private async linksOf(models: ReadonlyMap<string, ModelSnapshot[]>, findings: readonly FindingFacts[], turns: EventLoopTurns): Promise<AutoLink[]> {
    const rows: AutoLink[] = [];
    for (const finding of findings) {
      await turns.maybeYield();
      autoLinksOfFinding(models, finding, rows);
    }
    return rows;
  }

  /**
   * The latest version of every model covering one of `serviceIds` (null: every model), listed under
   * each service it covers.
   */
  private async latestModels(manager: EntityManager, serviceIds: string[] | null): Promise<Map<string, ModelSnapshot[]>> {
    return modelSnapshots(await this.links.latestModelRows(manager, serviceIds), this.config.threatModels.glob);
  }
}
