import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type PgBoss from 'pg-boss';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLog } from '../audit/audit-log.repository';
import type { TeamScope } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { JobQueue } from '../jobs/job-queue';
import type { ImportFormat, ImportParameters } from './import.dto';
import { auditImport, readContext, type InvalidUtf8 } from './import-context';
import { ImportLogRepository, type ImportError, type ImportOutcome } from './import-log.repository';
import { ImportRunner } from './import-runner';
import { ImportUploadRepository } from './import-upload.repository';
import { ImportFollowUp } from '../findings/import-follow-up';

export const IMPORT_QUEUE = 'import';

/** Everything needed to store a received upload later, on any instance. */
export interface ImportJob {
  importId: string;
  format: ImportFormat;
  parameters: ImportParameters;
  receivedAt: string;
  actor: string;
  /** The sender's team scope when it sent the file: what the import may write to. */
  teams: TeamScope;
  invalidUtf8: InvalidUtf8;
}

/** A job picked up this long ago whose import nobody holds has lost its worker (fetch and lock are milliseconds apart). */
const ORPHAN_AFTER_MS = 10_000;
const SWEEP_EVERY_MS = 10_000;

const INTERRUPTED: ImportError = { detail: 'The server stopped before this import finished, and it could not be stored on a retry; nothing of it was stored. Send it again.' };
const SERVER_FAILURE: ImportError = { detail: 'The import failed on the server; nothing of it was stored.' };

/**
 * Stores background imports from the shared job queue. The whole import is one transaction that holds
 * the import's row locked, so a crash stores nothing, and a lock nobody holds on a `processing` import
 * whose job is active means the instance working on it died: the attempt is failed, and pg-boss retries it.
 */
@Injectable()
export class ImportWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Imports');
  private sweeper: NodeJS.Timeout | null = null;
  private sweeping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: JobQueue,
    private readonly log: ImportLogRepository,
    private readonly uploads: ImportUploadRepository,
    private readonly runner: ImportRunner,
    private readonly audit: AuditLog,
    private readonly importFollowUp: ImportFollowUp,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.createQueue(IMPORT_QUEUE, { retryLimit: 2, retryDelaySeconds: 5, expireInHours: 4 });
    await this.queue.work<ImportJob>(IMPORT_QUEUE, (job) => this.store(job));
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS).unref();
  }

  onApplicationShutdown(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** Queues the stored upload of an import, in the transaction that opened it; `wake` once that has committed. */
  async enqueue(manager: EntityManager, job: ImportJob): Promise<void> {
    await this.queue.send(IMPORT_QUEUE, job, { id: job.importId }, manager);
  }

  /** Starts on a just-committed import now rather than at the next poll. */
  wake(): void {
    this.queue.wake(IMPORT_QUEUE);
  }

  private async store(job: PgBoss.JobWithMetadata<ImportJob>): Promise<void> {
    const { importId, format, parameters, receivedAt, actor, teams, invalidUtf8 } = job.data;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-import-'));
    const file = path.join(dir, 'upload');
    const finish = this.importFollowUp.begin(format);
    let stored = null as ImportOutcome | null;
    try {
      await this.dataSource.transaction(async (manager) => {
        // Gone (deleted) or already stored by an earlier attempt: nothing to do.
        if (!(await this.log.lockProcessing(manager, importId))) return;
        this.logger.log(`import ${importId}: storing (attempt ${job.retryCount + 1} of ${job.retryLimit + 1})`);
        await this.uploads.restore(manager, importId, file);
        const outcome = await this.runner.run(manager, importId, format, readContext(file, invalidUtf8, parameters, new Date(receivedAt)), teams);
        await this.log.complete(manager, importId, outcome);
        await this.uploads.remove(manager, importId);
        await auditImport(this.audit, manager, importId, actor, format, outcome);
        stored = outcome;
      });
      // Nothing measured when an earlier attempt had stored it already.
      if (stored) finish('completed', stored);
    } catch (error) {
      // A file the readers refuse is refused for good; a server failure is retried while attempts remain (measured on the last).
      if (error instanceof DomainError) {
        finish('failed');
        return this.failImport(importId, { detail: error.message, errors: error.errors });
      }
      if (job.retryCount >= job.retryLimit) {
        finish('failed');
        await this.failImport(importId, SERVER_FAILURE);
      }
      throw error;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  private async failImport(importId: string, error: ImportError, manager?: EntityManager): Promise<void> {
    const work = async (m: EntityManager) => {
      await this.log.fail(m, importId, error);
      await this.uploads.remove(m, importId);
    };
    await (manager ? work(manager) : this.dataSource.transaction(work));
  }

  /** Finds imports whose worker died (on this instance before a restart, or on another) and hands them back to the queue. */
  async sweep(): Promise<void> {
    // One sweep at a time: while the imports table is locked (a demo's bulk load holds it), ticks do not
    // pile up, each on a connection of the pool.
    if (this.queue.isStopping || this.sweeping) return;
    this.sweeping = true;
    try {
      await this.dataSource.transaction(async (manager) => {
        for (const id of await this.log.lockIdleProcessing(manager)) {
          const job = await this.queue.getJob<ImportJob>(IMPORT_QUEUE, id);
          if (!job || job.state === 'failed' || job.state === 'cancelled' || job.state === 'completed') {
            await this.failImport(id, INTERRUPTED, manager);
          } else if (job.state === 'active' && Date.now() - new Date(job.startedOn).getTime() > ORPHAN_AFTER_MS) {
            this.logger.warn(`import ${id}: the instance storing it stopped; retrying`);
            await this.queue.fail(IMPORT_QUEUE, id, 'the instance storing this import stopped');
          }
        }
      });
    } catch (error) {
      this.logger.error(`looking for interrupted imports failed: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }
}
