import { Injectable } from '@nestjs/common';
import type { KeptPValues } from '@escapement/domain';
import { DigestKeyedCache } from '../common/digest-keyed-cache';

/** The change-context metric asks for 15 p-values a request: room for a hundred requests' worth. */
const KEPT = 1500;

/**
 * The change-context metric's cluster permutation p-values, kept between requests under the key the domain
 * gives each: everything the p-value depends on (the draws, the seed, and the sizes, labels and counts of the
 * strata that inform the test). A dashboard asking again while its changes and counts are unchanged skips the draws.
 */
@Injectable()
export class KeptChangeContextPValues extends DigestKeyedCache<number> implements KeptPValues {
  constructor() {
    super(KEPT);
  }
}
