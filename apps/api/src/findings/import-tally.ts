import type { UpsertCounts } from './finding-record';

/** What one batch did: ids of the findings it created, changed, and touched at all. */
export interface BatchOutcome {
  received: number;
  createdIds: string[];
  updatedIds: string[];
  allIds: string[];
}

/**
 * Adds up batches of one upload into distinct-finding counts: a finding created by the first batch and
 * seen again in a later one is still one created finding, not also an unchanged one.
 */
export class ImportTally {
  private received = 0;
  private suppressed = 0;
  private readonly created = new Set<string>();
  private readonly updated = new Set<string>();
  private readonly seen = new Set<string>();

  add(outcome: BatchOutcome): void {
    this.received += outcome.received;
    for (const id of outcome.createdIds) this.created.add(id);
    for (const id of outcome.updatedIds) this.updated.add(id);
    for (const id of outcome.allIds) this.seen.add(id);
  }

  countSuppressed(n: number): void {
    this.suppressed += n;
  }

  counts(): UpsertCounts & { suppressed: number } {
    const updated = [...this.updated].filter((id) => !this.created.has(id)).length;
    return {
      received: this.received,
      created: this.created.size,
      updated,
      unchanged: this.seen.size - this.created.size - updated,
      suppressed: this.suppressed,
    };
  }
}
