import { MAX_JSON_DEPTH } from '@escapement/domain';

export interface JsonStreamOptions {
  /** Deepest nesting of arrays and objects accepted anywhere in the document (the root container is depth 1). */
  maxDepth?: number;
  /** Longest string (decoded, in UTF-16 code units) or number literal accepted anywhere, taken or skipped. */
  maxStringLength?: number;
  /**
   * Longest source text of one taken value, in UTF-16 code units of the decoded input (equal to bytes for ASCII,
   * never more than the UTF-8 byte count). Unlimited unless set.
   */
  maxTakenValueBytes?: number;
}

export type JsonStreamLimits = Readonly<Required<JsonStreamOptions>>;

/** The one nesting limit of every JSON the API reads; it protects code that later walks taken values recursively. */
export const DEFAULT_MAX_DEPTH = MAX_JSON_DEPTH;
export const DEFAULT_MAX_STRING_LENGTH = 10 * 1024 * 1024;

export function resolveLimits(options: JsonStreamOptions = {}): JsonStreamLimits {
  return {
    maxDepth: positive('maxDepth', options.maxDepth ?? DEFAULT_MAX_DEPTH),
    maxStringLength: positive('maxStringLength', options.maxStringLength ?? DEFAULT_MAX_STRING_LENGTH),
    maxTakenValueBytes: positive('maxTakenValueBytes', options.maxTakenValueBytes ?? Infinity),
  };
}

function positive(name: string, value: number): number {
  if (!(value >= 1) || (Number.isFinite(value) && !Number.isInteger(value))) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}
