import { Injectable } from '@nestjs/common';
import type { AdoptionVerdictResult } from '@escapement/domain';
import { DigestKeyedCache } from '../common/digest-keyed-cache';

/** Verdicts kept at once: each is a few kilobytes, and a dashboard asks for a handful of adoptions and practices. */
const KEPT_VERDICTS = 200;

/**
 * Computed adoption verdicts, each under everything it was computed from: the request's settings and date,
 * the adoptions and services it saw, and the data versions of those services (VerdictDataVersions
 * 1765770000000). Any write to a service's findings raises its version, so a verdict is served again only
 * while nothing it read has changed; the versions live in the database, so this holds across API instances.
 * The versions are read before the verdict's data, so a kept verdict is never older than the versions it is
 * kept under.
 */
@Injectable()
export class VerdictCache {
  private readonly verdicts = new DigestKeyedCache<AdoptionVerdictResult>(KEPT_VERDICTS);

  async through(inputs: unknown, compute: () => Promise<AdoptionVerdictResult>): Promise<AdoptionVerdictResult> {
    const key = JSON.stringify(inputs);
    const kept = this.verdicts.get(key);
    if (kept) return structuredClone(kept);
    const verdict = await compute();
    this.verdicts.set(key, structuredClone(verdict));
    return verdict;
  }
}
