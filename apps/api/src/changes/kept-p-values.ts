import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { KeptPValues } from '@escapement/domain';
import { LRUCache } from 'lru-cache';

/** The change-context metric asks for 15 p-values a request: room for a hundred requests' worth. */
const KEPT = 1500;

/**
 * The change-context metric's cluster permutation p-values, kept between requests under a digest of the
 * key the domain gives each: everything the p-value depends on (the draws, the seed, and the sizes,
 * labels and counts of the strata that inform the test). A dashboard asking again while its changes and
 * counts are unchanged skips the draws; a change to anything a test reads makes another key, so nothing
 * has to be forgotten when data changes, on this API instance or another.
 */
@Injectable()
export class KeptChangeContextPValues implements KeptPValues {
  private readonly kept = new LRUCache<string, number>({ max: KEPT });

  get(key: string): number | undefined {
    return this.kept.get(digest(key));
  }

  set(key: string, pValue: number): void {
    this.kept.set(digest(key), pValue);
  }
}

const digest = (key: string) => createHash('sha256').update(key).digest('base64url');
