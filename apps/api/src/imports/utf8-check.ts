import { isUtf8 } from 'node:buffer';

/**
 * Finds the byte sequences of a stream that are not UTF-8, as it passes, without holding it: how many,
 * and the line of the first. Readers decode such bytes as U+FFFD (the WHATWG decoder's rule, one per
 * maximal invalid subpart, which this counts the same way), so an import can say what it replaced.
 *
 * Written here rather than taken from a package: Node's `isUtf8` answers only yes or no for a whole
 * buffer, and the validating packages do the same; a chunked stream needs the carry of a sequence cut
 * between chunks and the position of the first bad byte. `isUtf8` stays the fast path for clean chunks.
 */
export class Utf8Check {
  /** Invalid sequences seen so far. */
  invalid = 0;
  /** 1-based line of the first invalid sequence, or null. */
  firstInvalidLine: number | null = null;
  private carry: Buffer = Buffer.alloc(0);
  /** Newlines in the bytes already checked (not counting the carry). */
  private newlines = 0;

  feed(chunk: Buffer): void {
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const complete = bytes.length - incompleteTail(bytes);
    const checked = bytes.subarray(0, complete);
    this.carry = Buffer.from(bytes.subarray(complete));
    if (!isUtf8(checked)) this.scan(checked);
    this.newlines += countNewlines(checked, checked.length);
  }

  /** A sequence cut short by the end of the stream is invalid too. */
  end(): void {
    if (this.carry.length) this.scan(this.carry);
    this.carry = Buffer.alloc(0);
  }

  /** `bytes` holds no sequence still waiting for its end (that is the carry), so a cut one is invalid. */
  private scan(bytes: Buffer): void {
    forEachInvalid(bytes, (offset) => {
      this.invalid += 1;
      if (this.firstInvalidLine === null) this.firstInvalidLine = this.newlines + countNewlines(bytes, offset) + 1;
    });
  }
}

/** Bytes at the end that start a sequence the chunk does not finish (0 to 3): they wait for the next chunk. */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back];
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) return sequenceLength(byte) > back ? back : 0;
  }
  return 0;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 1;
}

/** The allowed range of a lead byte's second byte (Unicode table 3-7), which rules out overlongs and surrogates. */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** Calls `onInvalid` with the offset of each maximal invalid subpart. */
function forEachInvalid(bytes: Buffer, onInvalid: (offset: number) => void): void {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 1) {
      onInvalid(i);
      i++;
      continue;
    }
    const [low, high] = secondByteRange(lead);
    let valid = 1;
    while (valid < length && i + valid < bytes.length) {
      const byte = bytes[i + valid];
      const [min, max] = valid === 1 ? [low, high] : [0x80, 0xbf];
      if (byte < min || byte > max) break;
      valid++;
    }
    if (valid === length) {
      i += length;
      continue;
    }
    onInvalid(i);
    i += valid;
  }
}

function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1 && at < end; at = bytes.indexOf(0x0a, at + 1)) count++;
  return count;
}
