import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { FindingSearchRepository } from './finding-search.repository';

/** Uploads closer together than this are caught up together, after the last of them. */
const QUIET_MS = 1_000;
/** ...but never later than this after the first upload waiting, so a steady stream of uploads is caught up too. */
const LONGEST_WAIT_MS = 30_000;

/**
 * Adds the text search's trigrams of freshly stored findings soon after their upload commits, off the
 * request, so the first search after a large upload does not do it (about 75 µs a finding: tens of seconds
 * after a few hundred thousand). Searches still add whatever is noted and not yet added themselves, so this
 * only moves work earlier; on several instances the refresh's lock lets one do it and the others find
 * nothing left.
 */
@Injectable()
export class SearchCatchUp implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Search');
  private timer: NodeJS.Timeout | null = null;
  private firstWaitingAt: number | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(private readonly search: FindingSearchRepository) {}

  /** Called once an upload's findings have committed. */
  afterUpload(): void {
    if (this.stopping) return;
    const now = Date.now();
    this.firstWaitingAt ??= now;
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.max(0, Math.min(QUIET_MS, this.firstWaitingAt + LONGEST_WAIT_MS - now));
    this.timer = setTimeout(() => this.start(), delay).unref();
  }

  /**
   * A stop waits for the refresh under way (its transaction would only be rolled back, but the database
   * connection closes after it anyway); uploads stored after this point are left to the next search.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private start(): void {
    this.timer = null;
    if (this.stopping) return;
    // One refresh at a time in this instance: while one runs, the uploads waiting keep waiting for it to end.
    if (this.running) return void this.running.then(() => this.start());
    this.firstWaitingAt = null;
    this.running = this.search
      .refresh()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.warn(`adding new findings to text search failed (the next search adds them): ${(error as Error).message}`))
      .finally(() => (this.running = null));
  }
}
