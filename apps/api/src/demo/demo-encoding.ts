import { DemoCommitWeeks, demoFindings, demoOrganisation, type DemoChange, type DemoOptions } from '@escapement/domain';
import type { FindingRecord } from '../findings/finding-record';
import { DemoBatchEncoder, type BulkStagingPlan, type EncodedBatch } from './demo-batch-encoder';
import { sightingsOf } from './demo-sightings';

/** What a bulk load learns once every finding is generated: how many, and the changes their commits make. */
export interface DemoEncodingEnd {
  done: number;
  changes: DemoChange[];
}

/** A bulk load's whole demo, as encoded on either thread. */
export interface DemoEncodingTask {
  /** With the window's end given, so that every thread generates the same findings. */
  options: DemoOptions;
  plan: BulkStagingPlan;
  /** Sightings per batch. */
  batchSize: number;
}

/**
 * Findings generated between the points where an encoding on the loading thread lets the event loop turn
 * (`null` is yielded there): the staged batch's statements go on between them, so that each reply of the
 * database is answered at once.
 */
const GENERATED_PER_TURN = 500;

/**
 * Generates the demo's findings once and encodes them batch by batch (`DemoBatchEncoder`), grouping their
 * introducing commits into the demo's changes as they go by; returns the changes once the last batch is
 * taken. Synchronous and pure, so that it runs on a thread of its own or, between turns, on the loading one.
 */
export function* encodeDemo({ options, plan, batchSize }: DemoEncodingTask): Generator<EncodedBatch | null, DemoEncodingEnd> {
  const encoder = new DemoBatchEncoder(plan);
  const commitWeeks = new DemoCommitWeeks();
  let batch: FindingRecord[] = [];
  let done = 0;
  for (const finding of demoFindings(options)) {
    for (const sighting of sightingsOf(finding)) batch.push(sighting);
    if (finding.introducedCommit && finding.introducedAt) commitWeeks.add(finding.service, finding.introducedCommit, finding.introducedAt);
    done += 1;
    if (batch.length >= batchSize) {
      yield encoder.encode(batch, done);
      batch = [];
    } else if (done % GENERATED_PER_TURN === 0) {
      yield null;
    }
  }
  if (batch.length) yield encoder.encode(batch, done);
  return { done, changes: commitWeeks.changes(demoOrganisation(options), options.seed ?? 42) };
}
