import pLimit from 'p-limit';
import { DomainError } from '../common/domain-error';

/** How many password hashes run at once, and how many may wait for a turn. */
export interface PasswordQueueLimits {
  concurrency: number;
  maxWaiting: number;
}

/**
 * Password hashing (argon2id, 64 MiB each) runs on libuv's small thread pool (4 threads), which the
 * database driver's SCRAM handshake, DNS lookups, file access and gzip also need. Unbounded, a burst
 * of logins takes every thread and new database connections time out behind them. The queue runs at
 * most `concurrency` hashes at once (fewer than the pool's threads) and refuses work past `maxWaiting`
 * with 429 and Retry-After, so a burst of logins waits or is told to come back, never answers 503.
 */
export class PasswordQueue {
  private readonly limit: pLimit.Limit;

  constructor(private readonly limits: PasswordQueueLimits) {
    this.limit = pLimit(limits.concurrency);
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    // Counted together: a task just handed over is queued until the next tick, then running.
    const inSystem = this.limit.activeCount + this.limit.pendingCount;
    if (inSystem >= this.limits.concurrency + this.limits.maxWaiting) {
      // About a quarter of a second per hash on a modest machine: when the queue is likely to have room.
      const seconds = Math.max(1, Math.ceil(inSystem / this.limits.concurrency / 4));
      return Promise.reject(new DomainError('rate_limited', `Too many sign-ins at once; retry in ${seconds} s`, [], seconds));
    }
    return this.limit(work);
  }

  /** Hashes running now, and waiting. */
  get load(): { active: number; waiting: number } {
    return { active: this.limit.activeCount, waiting: this.limit.pendingCount };
  }
}
