import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DemoCommitWeeks, demoFindings, demoOrganisation, demoThreatModels, type DemoFinding, type DemoOptions, type DemoOrganisation, type DemoThreatModel } from '@escapement/domain';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { FindingIngestRepository } from '../findings/finding-ingest.repository';
import { FindingSearchRepository } from '../findings/finding-search.repository';
import type { FindingRecord } from '../findings/finding-record';
import { batchCounts } from '../findings/batch-outcome';
import { ImportLogRepository } from '../imports/import-log.repository';
import { FindingLinker } from '../links/finding-linker';
import { ThreatModelRepository } from '../threat-models/threat-model.repository';
import { DemoRepository } from './demo.repository';
import { NOT_EMPTY } from './demo-bulk-load.repository';
import type { EncodedBatch } from './demo-batch-encoder';
import { DemoBulkLoader } from './demo-bulk-loader';
import type { DemoEncodingEnd } from './demo-encoding';
import { demoBatches } from './demo-encoding-thread';
import { sightingsOf } from './demo-sightings';

const BATCH = 5_000;
/** Batches stored at once, on as many connections: the database's work per batch is most of the seeding's time. */
const DEMO_LANES = 2;
/**
 * A bulk load's batches are staged one after another in one transaction (which holds the tables' lock
 * while their triggers are off and their indexes dropped) and stored together at its end. Small enough that
 * a batch's objects die young: the demo process spends its time generating and encoding rather than
 * collecting garbage (at 1M findings it took 54 s of CPU with batches of 5,000 and 87 s with 50,000, and
 * the database's round trips per batch are a few milliseconds).
 */
const BULK_BATCH = 5_000;
/**
 * Batches a bulk load stages at once on its one connection: while the database inserts one batch's rows,
 * the next is sent (it is generated and encoded meanwhile, on a thread of its own when run compiled).
 */
const BATCHES_STAGED_AT_ONCE = 2;

/**
 * `bulk` stores into a database that holds no finding, set-based per batch (`DemoBulkLoader`); `ingest`
 * goes through the upload path. Unless asked, a database without findings is bulk-loaded.
 */
export type DemoLoadPath = 'bulk' | 'ingest';

export interface DemoLoad {
  path?: DemoLoadPath;
  /** Sightings per bulk batch (tests use small ones to load a small demo in several). */
  bulkBatch?: number;
  /**
   * The compiled entry of the thread a bulk load's batches are encoded on (null: the loading thread); by
   * default the one beside the seeder once compiled, and the loading thread when run from source.
   */
  encodingThread?: string | null;
}
/** Told how many findings are stored (or staged) so far; a returned promise holds back the batches after the next one. */
export type DemoProgress = (done: number) => void | Promise<void>;

const SEEDED_KEY = 'demo_seeded';

const DAY_MS = 86_400_000;

/**
 * Loads the generated demo organisation: into a database with findings, through the same ingest path as
 * real uploads; into one without, in bulk, which stores the same rows (compared table by table in the tests).
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('Demo');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ingest: FindingIngestRepository,
    private readonly importLog: ImportLogRepository,
    private readonly threatModels: ThreatModelRepository,
    private readonly linker: FindingLinker,
    private readonly demo: DemoRepository,
    private readonly bulk: DemoBulkLoader,
    private readonly search: FindingSearchRepository,
  ) {}

  /** Seeds only a database that has never held findings nor been seeded before. */
  async seedIfEmpty(options: DemoOptions = {}): Promise<boolean> {
    const { seeded, findings } = await this.demo.state(SEEDED_KEY);
    if (seeded || findings) return false;
    const started = Date.now();
    const count = await this.seed(options);
    this.logger.log(`demo organisation loaded: ${count} findings in ${Date.now() - started} ms`);
    return true;
  }

  /** Adds the demo organisation (any size) to the database. */
  async seed(requested: DemoOptions = {}, onProgress?: DemoProgress, { path, bulkBatch = BULK_BATCH, encodingThread }: DemoLoad = {}): Promise<number> {
    const { findings: hadFindings } = await this.demo.state(SEEDED_KEY);
    if (path === 'bulk' && hadFindings) throw new Error(NOT_EMPTY);
    const bulk = (path ?? (hadFindings ? 'ingest' : 'bulk')) === 'bulk';
    // The window's end pinned to today, so that the upload path's two passes over the findings (their commits, then
    // the findings) yield the same ones even across midnight.
    const options: DemoOptions = requested.end ? requested : { ...requested, end: new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS) };
    const organisation = demoOrganisation(options);
    await this.dataSource.transaction(async (manager) => {
      await this.demo.storeOrganisation(manager, organisation);
      // Before the findings, so that ingest links each batch as it arrives rather than relinking all at the end.
      await this.loadThreatModels(manager, demoThreatModels(options));
      await this.demo.markSeeded(manager, SEEDED_KEY, { seed: options.seed ?? 42, at: new Date().toISOString() });
    });

    let done: number;
    if (bulk) {
      done = await this.loadInBulk({ options, organisation, batchSize: bulkBatch, encodingThread }, onProgress);
    } else {
      await this.storeChanges(organisation, options);
      done = await this.loadThroughIngest(demoFindings(options), onProgress);
    }
    // The text search's trigram sets take in what was loaded now, rather than on the first search after it
    // (at a million findings, 25 s of one request).
    await this.search.refresh();
    await this.demo.analyze();
    return done;
  }

  /**
   * Through ingest, the changes are stored before the findings, so that each finding is tied to its change as
   * it is stored rather than rewritten when its change arrives: the findings are generated twice, the first
   * time only for their commits.
   */
  private async storeChanges(organisation: DemoOrganisation, options: DemoOptions): Promise<void> {
    const commitWeeks = new DemoCommitWeeks();
    for (const finding of demoFindings(options)) {
      if (finding.introducedCommit && finding.introducedAt) commitWeeks.add(finding.service, finding.introducedCommit, finding.introducedAt);
    }
    const changes = commitWeeks.changes(organisation, options.seed ?? 42);
    await this.dataSource.transaction((manager) => this.demo.storeChanges(manager, changes));
  }

  /** Through the upload path, in batches of one transaction each. */
  private async loadThroughIngest(findings: Iterable<DemoFinding>, onProgress?: DemoProgress): Promise<number> {
    // Services are dealt to lanes as they first appear; each lane stores its batches in order on a connection
    // of its own, so the database works on two batches at once. Lanes hold disjoint services, and every lock and
    // rollup row ingest touches is its service's, so two lanes never wait on each other.
    const lanes = Array.from({ length: DEMO_LANES }, () => ({ batch: [] as FindingRecord[], storing: null as Promise<void> | null }));
    const laneOfService = new Map<string, (typeof lanes)[number]>();
    let done = 0;
    const flush = async (lane: (typeof lanes)[number]) => {
      const records = lane.batch;
      lane.batch = [];
      // One batch in flight per lane: the generator waits for its lane rather than running ahead of the database.
      if (lane.storing) await lane.storing;
      lane.storing = this.dataSource.transaction((manager) => this.storeBatch(manager, records)).then(() => onProgress?.(done));
      // Awaited before the lane's next batch or at the end; meanwhile a failure is not left unhandled.
      lane.storing.catch(() => undefined);
    };
    try {
      for (const finding of findings) {
        let lane = laneOfService.get(finding.service);
        if (!lane) laneOfService.set(finding.service, (lane = lanes[laneOfService.size % lanes.length]));
        lane.batch.push(...sightingsOf(finding));
        done += 1;
        if (lane.batch.length >= BATCH) await flush(lane);
      }
      for (const lane of lanes) if (lane.batch.length) await flush(lane);
    } finally {
      // Every lane settles before the outcome is known: none is left writing after a failure elsewhere.
      await Promise.allSettled(lanes.map((lane) => lane.storing));
    }
    for (const lane of lanes) await lane.storing;
    return done;
  }

  /**
   * Into a database without findings, in one transaction: a failure leaves no findings and every index and
   * trigger as it was. Each batch is staged while the next is generated and encoded (`demoBatches`), and the
   * findings' commits are grouped into the changes as they go by; the changes are stored once every batch is
   * staged, then the staged findings tied to them (one pass over the findings, where storing the changes
   * first would need a pass of its own only for their commits).
   */
  private async loadInBulk(
    { options, organisation, batchSize, encodingThread }: { options: DemoOptions; organisation: DemoOrganisation; batchSize: number; encodingThread?: string | null },
    onProgress?: DemoProgress,
  ): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await this.bulk.beginStaging(
        manager,
        organisation.services.map((s) => s.name),
      );
      // An entry left undefined takes `demoBatches`' default: the compiled thread when there is one.
      const batches = demoBatches({ options, plan, batchSize }, encodingThread);
      // Batches being staged, oldest first, each settled once it is staged and reported (and reported only
      // after the batch before it), so that none is left running on the connection when the transaction ends.
      const staging: Promise<void>[] = [];
      const stage = async (batch: EncodedBatch) => {
        if (staging.length >= BATCHES_STAGED_AT_ONCE) await staging.shift();
        const reportedBefore = staging.at(-1);
        const reported = this.stageBulkBatch(manager, batch)
          .then(() => reportedBefore)
          .then(() => onProgress?.(batch.through));
        // Awaited before a later batch or at the end; meanwhile a failure is not left unhandled.
        reported.catch(() => undefined);
        staging.push(reported);
      };
      let end: DemoEncodingEnd | undefined;
      try {
        for (let next = await batches.next(); ; next = await batches.next()) {
          if (next.done) {
            end = next.value;
            break;
          }
          await stage(next.value);
        }
      } finally {
        // Settled before the transaction ends either way: no statement is left running on the connection,
        // and the encoding stops.
        await Promise.allSettled(staging);
        await batches.return(undefined as never);
      }
      for (const batchStaged of staging) await batchStaged;
      // Every batch was taken, so the encoding ended: `end` is set.
      await this.bulk.finish(manager, end!.changes);
      return end!.done;
    });
  }

  /**
   * Every version in order, as imports on their dates would have added them. A version already stored
   * with the same content and date is skipped, so seeding the same demo twice adds no versions.
   */
  private async loadThreatModels(manager: EntityManager, models: readonly DemoThreatModel[]): Promise<void> {
    let added = 0;
    for (const { service, versions } of models) {
      for (const { effectiveFrom, document } of versions) {
        const modelId = await this.threatModels.modelFor(manager, service, document.name);
        const sha256 = createHash('sha256').update(JSON.stringify(document)).digest('hex');
        const at = new Date(effectiveFrom);
        if (await this.threatModels.findVersionByContent(manager, modelId, sha256, at)) continue;
        await this.threatModels.addVersion(manager, modelId, document, { effectiveFrom: at, sha256, fileName: null, importedBy: 'demo generator' });
        added += 1;
      }
    }
    // Findings already stored (a demo added to existing data) move to the new versions, as after an
    // import; a fresh database has none, so this costs one empty query there.
    if (added > 0) await this.linker.relink(manager, null);
  }

  private async storeBatch(manager: EntityManager, records: FindingRecord[]): Promise<void> {
    const importId = await this.openImport(manager);
    await this.importLog.complete(manager, importId, { ...batchCounts(await this.ingest.upsert(manager, records, importId)), suppressed: 0 });
  }

  private async stageBulkBatch(manager: EntityManager, batch: EncodedBatch): Promise<void> {
    const importId = await this.openImport(manager);
    await this.importLog.complete(manager, importId, { ...(await this.bulk.stage(manager, batch, importId)), suppressed: 0 });
  }

  private openImport(manager: EntityManager): Promise<string> {
    return this.importLog.open(manager, { format: 'demo', stage: null, receivedBy: 'demo generator', fileName: null, contentSha256: null });
  }
}
