import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';

/**
 * Runs large imports after their request has been answered, one at a time so that memory stays
 * bounded however many pipelines post at once. On shutdown it waits for the running one.
 */
@Injectable()
export class ImportQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('Imports');
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  enqueue(name: string, job: () => Promise<void>): void {
    this.pending += 1;
    this.tail = this.tail
      .then(job)
      .catch((error: unknown) => this.logger.error(`background import ${name} failed: ${(error as Error)?.stack ?? error}`))
      .finally(() => (this.pending -= 1));
  }

  get size(): number {
    return this.pending;
  }

  /** Resolves when every queued import has finished (tests and shutdown). */
  drain(): Promise<void> {
    return this.tail;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.tail;
  }
}
