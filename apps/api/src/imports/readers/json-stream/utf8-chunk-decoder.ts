import { TextDecoder } from 'node:util';

const BYTE_ORDER_MARK = 0xfeff;

/**
 * Turns upload chunks into text. A multi-byte UTF-8 sequence split between two Buffers is held back until it is
 * complete; string chunks pass through. Invalid bytes become U+FFFD, as with `buffer.toString('utf8')`: outside
 * strings that is a syntax error at its exact position, inside strings it is kept as data.
 * A byte order mark at the very start is dropped, so columns count from the first real character.
 */
export class Utf8ChunkDecoder {
  // ignoreBOM keeps the mark in the output: stripping it here covers string chunks and Buffers alike.
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private atStart = true;

  decode(chunk: Uint8Array | string): string {
    const text = typeof chunk === 'string' ? this.decoder.decode() + chunk : this.decoder.decode(chunk, { stream: true });
    return this.dropLeadingMark(text);
  }

  /** Whatever an unfinished sequence at the very end amounts to (U+FFFD), or ''. */
  end(): string {
    return this.dropLeadingMark(this.decoder.decode());
  }

  private dropLeadingMark(text: string): string {
    if (!this.atStart || text.length === 0) return text;
    this.atStart = false;
    return text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text;
  }
}
