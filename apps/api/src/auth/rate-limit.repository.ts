import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const PURGE_EVERY_MS = 10 * 60_000;

/**
 * The rate limits' counters, in PostgreSQL so that every API instance behind a load balancer counts
 * against the same allowance (the library's own storage is a Map in one process). A fixed window per
 * key: the first hit opens it for `ttl`; past `limit` hits the key is blocked for `blockDuration`.
 * Hand-written because the maintained storages for @nestjs/throttler are for Redis, which Escapement
 * does not need; it is one statement per counted request, on login and upload routes only.
 */
@Injectable()
export class RateLimitRepository implements ThrottlerStorage, OnApplicationShutdown {
  private readonly purger: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.purger = setInterval(() => void this.purge().catch(() => undefined), PURGE_EVERY_MS).unref();
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number): Promise<ThrottlerStorageRecord> {
    const [row]: { hits: number; expires_in_ms: number; blocked_for_ms: number }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_counters AS c (key, hits, window_ends_at, blocked_until)
       VALUES ($1, 1, now() + $2 * interval '1 millisecond', CASE WHEN 1 > $3 THEN now() + $4 * interval '1 millisecond' END)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN c.window_ends_at <= now() AND coalesce(c.blocked_until <= now(), true) THEN 1 ELSE c.hits + 1 END,
         window_ends_at = CASE WHEN c.window_ends_at <= now() AND coalesce(c.blocked_until <= now(), true)
                               THEN now() + $2 * interval '1 millisecond' ELSE c.window_ends_at END,
         blocked_until = CASE WHEN c.blocked_until > now() THEN c.blocked_until
                              WHEN (CASE WHEN c.window_ends_at <= now() THEN 1 ELSE c.hits + 1 END) > $3
                              THEN now() + $4 * interval '1 millisecond' END
       RETURNING hits,
                 greatest(0, extract(epoch FROM window_ends_at - now()) * 1000)::float8 AS expires_in_ms,
                 greatest(0, coalesce(extract(epoch FROM blocked_until - now()) * 1000, 0))::float8 AS blocked_for_ms`,
      [key, ttl, limit, blockDuration],
    );
    const blocked = row.blocked_for_ms > 0;
    return {
      totalHits: row.hits,
      timeToExpire: Math.ceil(row.expires_in_ms / 1000),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? Math.ceil(row.blocked_for_ms / 1000) : 0,
    };
  }

  /** Counters whose window and block have both ended count nothing: cleared now and then. */
  async purge(): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_counters WHERE window_ends_at < now() AND coalesce(blocked_until < now(), true)`);
  }

  onApplicationShutdown(): void {
    clearInterval(this.purger);
  }
}
