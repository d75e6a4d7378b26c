import { Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import type { DataSource, EntityManager } from 'typeorm';
import type { PostgresDataSourceOptions as PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';

/** pg-boss keeps its tables in their own schema, created and upgraded by pg-boss itself at start. */
export const JOB_SCHEMA = 'pgboss';

export interface QueueSettings {
  /** Attempts after the first, when a job throws or its worker died. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** How long a job may run before pg-boss gives it to another worker. */
  expireInHours: number;
}

export type JobHandler<T> = (job: PgBoss.JobWithMetadata<T>) => Promise<void>;

/**
 * The PostgreSQL-backed job queue (pg-boss) every API instance shares: work sent by one instance is done
 * by whichever instance fetches it first, and survives a restart because it is a row, not a promise.
 * Each instance runs one job of a queue at a time, so the memory a job needs is bounded per process.
 */
@Injectable()
export class JobQueue implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly boss: PgBoss;
  private readonly workers = new Map<string, { id: string; handler: JobHandler<unknown> }>();
  private readonly running = new Set<Promise<void>>();
  private stopping = false;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.boss = new PgBoss({ ...connectionOf(dataSource.options as PostgresConnectionOptions), schema: JOB_SCHEMA, max: 4, application_name: 'escapement-jobs' });
    this.boss.on('error', (error) => this.logger.error(`job queue: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    await this.boss.start();
  }

  async createQueue(name: string, settings: QueueSettings, policy: PgBoss.QueuePolicy = 'standard'): Promise<void> {
    const options = { name, policy, retryLimit: settings.retryLimit, retryDelay: settings.retryDelaySeconds, expireInHours: settings.expireInHours };
    // Several instances start at once: creating is idempotent, and a queue made by an older version is brought up to date.
    if (await this.boss.getQueue(name)) await this.boss.updateQueue(name, options);
    else await this.boss.createQueue(name, options).catch(async (error) => {
      if (!(await this.boss.getQueue(name))) throw error;
    });
  }

  /**
   * Sends a job; with `manager`, inside that transaction, so the job exists exactly when what it works on
   * was committed: then the caller calls `wake` once it has committed. `id` makes the job findable by the
   * record it is about.
   */
  async send<T extends object>(name: string, data: T, options: { id?: string; singletonKey?: string } = {}, manager?: EntityManager): Promise<string | null> {
    const id = await this.boss.send(name, data, { ...options, ...(manager ? { db: transactionDb(manager) } : {}) });
    if (!manager) this.wake(name);
    return id;
  }

  /**
   * This instance may be idle: it looks for the queue's jobs at once rather than at its next poll (two
   * seconds later). Woken before a transaction's commit, the worker would find nothing and sleep the poll out.
   */
  wake(name: string): void {
    const worker = this.workers.get(name);
    if (worker) setImmediate(() => this.boss.notifyWorker(worker.id));
  }

  /** Runs `handler` for each job of the queue, one at a time in this process. A throw fails the attempt (and retries). */
  async work<T>(name: string, handler: JobHandler<T>, pollingIntervalSeconds = 2): Promise<void> {
    const id = await this.boss.work<T>(name, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
      const done = handler(job);
      const tracked = done.catch(() => undefined);
      this.running.add(tracked);
      try {
        await done;
      } finally {
        this.running.delete(tracked);
      }
    });
    this.workers.set(name, { id, handler: handler as JobHandler<unknown> });
  }

  /** Stops fetching jobs of this queue in this process (jobs wait in the database); `resume` starts again. */
  async pause(name: string): Promise<void> {
    const worker = this.workers.get(name);
    if (worker) await this.boss.offWork({ id: worker.id });
  }

  async resume<T>(name: string): Promise<void> {
    const worker = this.workers.get(name);
    if (worker) await this.work<T>(name, worker.handler as JobHandler<T>);
  }

  getJob<T>(name: string, id: string): Promise<PgBoss.JobWithMetadata<T> | null> {
    return this.boss.getJobById<T>(name, id);
  }

  /** Fails an attempt (the job is retried if it has attempts left). */
  async fail(name: string, id: string, reason: string): Promise<void> {
    await this.boss.fail(name, id, { reason });
  }

  async schedule(name: string, cron: string, data: object = {}): Promise<void> {
    await this.boss.schedule(name, cron, data, { tz: 'UTC' });
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** Before the database closes: take no new jobs, let the running ones finish, then stop. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const { id } of this.workers.values()) await this.boss.offWork({ id }).catch(() => undefined);
    await Promise.all([...this.running]);
    await this.boss.stop({ graceful: false, close: true });
  }
}

/** pg-boss's own pool reaches the database the DataSource was given. */
function connectionOf(options: PostgresConnectionOptions): PgBoss.DatabaseOptions {
  if (options.url) return { connectionString: options.url };
  return { host: options.host, port: options.port, user: options.username, password: options.password as string | undefined, database: options.database };
}

/** Lets pg-boss write its job through the caller's transaction. */
function transactionDb(manager: EntityManager): PgBoss.Db {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('send with a manager needs one inside a transaction');
  return { executeSql: async (text, values) => ({ rows: (await runner.query(text, values, true)).records ?? [] }) };
}
