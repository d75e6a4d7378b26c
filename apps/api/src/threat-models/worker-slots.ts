import { DomainError } from '../common/domain-error';

/**
 * At most `running` tasks at once, and at most `waiting` more queued for a turn; past that a caller
 * is told to come back later (429 with Retry-After) rather than queued without bound, since each
 * waiting upload holds its file in memory.
 */
export class WorkerSlots {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting) {
        throw new DomainError('rate_limited', `${this.active} threat models are being read and ${this.queue.length} wait; send this one again shortly`, [], 5);
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.queue.shift();
      // The slot passes straight to the next in line, or frees up.
      if (next) next();
      else this.active--;
    }
  }
}
