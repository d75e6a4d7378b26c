import type { UpsertCounts } from './finding-record';

/**
 * What one batch of sightings did, finding by finding: the ids it created, the ids it changed (none of
 * them created), and every id it touched, each once.
 */
export interface BatchOutcome {
  received: number;
  createdIds: string[];
  updatedIds: string[];
  allIds: string[];
}

/** The batch's counts: every finding it touched is created, updated or unchanged. */
export function batchCounts(outcome: BatchOutcome): UpsertCounts {
  const created = outcome.createdIds.length;
  const updated = outcome.updatedIds.length;
  return { received: outcome.received, created, updated, unchanged: outcome.allIds.length - created - updated };
}
