import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ReadReplicaHealthDto } from '@escapement/domain';
import { DataSource, type QueryRunner } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';

/** How often the replica's distance from its primary is measured. */
const PROBE_INTERVAL_MS = 1_000;

/**
 * Where the dashboard's and exports' reads go: the streaming replica named by DATABASE_READ_URL while it
 * answers and is no further behind than ESCAPEMENT_READ_MAX_LAG, else the primary. Everything else (writes,
 * and reads that must see the caller's own write, such as an import's status right after its upload) takes
 * the primary's DataSource directly and never comes here.
 */
@Injectable()
export class ReadDatabase implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ReadReplica');
  private replica: DataSource | null = null;
  private timer: NodeJS.Timeout | null = null;
  private health: ReadReplicaHealthDto | null = null;

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.databaseReadUrl) return;
    const options = dataSourceOptions({ url: this.config.databaseReadUrl });
    this.replica = new DataSource({ ...options, migrations: [], extra: { ...options.extra, application_name: 'escapement-read' } });
    this.health = { status: 'down', inRecovery: null, lagMs: null, serving: false };
    // A replica that is down at start does not stop the server: reads go to the primary until it answers.
    await this.replica.initialize().catch((error: Error) => this.logger.error(`read replica unreachable, reading from the primary: ${error.message}`));
    await this.probe();
    this.timer = setInterval(() => void this.probe(), PROBE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.replica?.isInitialized) await this.replica.destroy();
  }

  /** Runs a read on the replica when it may serve, else on the primary; typed as DataSource.query is. */
  query<T = any>(sql: string, parameters?: unknown[]): Promise<T> {
    return this.source().query(sql, parameters);
  }

  /**
   * A connection of its own for a streamed read (an export's server-side cursor), from the same source as
   * `query()` at the time it is taken; the caller releases it. The whole stream reads that one source.
   */
  createQueryRunner(): QueryRunner {
    return this.source().createQueryRunner();
  }

  private source(): DataSource {
    return this.health?.serving && this.replica ? this.replica : this.primary;
  }

  /** The replica's state for /health; null when none is configured. */
  state(): ReadReplicaHealthDto | null {
    return this.health && { ...this.health };
  }

  /**
   * Lag: zero once the replica has replayed everything the primary has written, else the time since the
   * last transaction it replayed (an upper bound on how stale its answers are).
   */
  private async probe(): Promise<void> {
    if (!this.replica) return;
    try {
      if (!this.replica.isInitialized) await this.replica.initialize();
      const [r]: { in_recovery: boolean; replayed: string | null; since_replay_ms: number | null }[] = await this.replica.query(
        `SELECT pg_is_in_recovery() AS in_recovery, pg_last_wal_replay_lsn()::text AS replayed,
                (extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8 AS since_replay_ms`,
      );
      let lagMs = 0;
      if (r.in_recovery && r.replayed) {
        const [p]: { behind: string }[] = await this.primary.query(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::text AS behind`, [r.replayed]);
        lagMs = Number(p.behind) <= 0 ? 0 : Math.max(0, Math.round(r.since_replay_ms ?? Number.MAX_SAFE_INTEGER));
      }
      const serving = lagMs <= this.config.readReplicaMaxLagMs;
      if (this.health && serving !== this.health.serving) {
        this.logger.log(serving ? 'reading from the replica' : `replica ${lagMs} ms behind: reading from the primary until it catches up`);
      }
      this.health = { status: 'up', inRecovery: r.in_recovery, lagMs, serving };
    } catch (error) {
      if (this.health?.serving) this.logger.error(`read replica failed, reading from the primary: ${(error as Error).message}`);
      this.health = { status: 'down', inRecovery: null, lagMs: null, serving: false };
    }
  }
}
