import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/**
 * Values computed from large inputs, kept on this API instance under a SHA-256 digest of a key that names
 * everything they were computed from: a changed input makes another key, so nothing has to be forgotten
 * when data changes, here or on another instance. At most `max` are kept, the least recently used going first.
 */
export class DigestKeyedCache<Value extends NonNullable<unknown>> {
  private readonly values: LRUCache<string, Value>;

  constructor(max: number) {
    this.values = new LRUCache<string, Value>({ max });
  }

  get(key: string): Value | undefined {
    return this.values.get(digest(key));
  }

  set(key: string, value: Value): void {
    this.values.set(digest(key), value);
  }
}

const digest = (key: string) => createHash('sha256').update(key).digest('base64url');
