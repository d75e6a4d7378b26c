import { JsonSelectionParser } from './json-selection-parser';
import { resolveLimits, type JsonStreamOptions } from './json-stream-options';
import type { SelectedValue, SelectValues } from './selection';
import { Utf8ChunkDecoder } from './utf8-chunk-decoder';

/**
 * Text is handed to the parser in pieces of at most this many characters, so that a huge chunk (a whole file
 * passed as one string) still yields its values in small batches rather than queueing all of them.
 */
const PIECE_LENGTH = 64 * 1024;

/**
 * Walks the document; for every value whose path `select` is asked about:
 *   'take'    → materialise it completely (like JSON.parse of that subtree) and yield it;
 *   'skip'    → read and validate it, keep nothing;
 *   'descend' → (objects/arrays only; for a scalar treat as 'skip') keep walking, asking `select` about each child.
 * `select` is called with the root path [] first.
 *
 * Values are yielded as soon as the chunk that completes them has been read, and the reader keeps no reference to
 * them, so memory depends on the largest taken value and the chunk size, not on the file. Values completed before
 * a syntax error are yielded before the error is thrown. Invalid documents throw JsonStreamError.
 */
export async function* selectJsonValues(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  select: SelectValues,
  options?: JsonStreamOptions,
): AsyncGenerator<SelectedValue> {
  const parser = new JsonSelectionParser(select, resolveLimits(options));
  const decoder = new Utf8ChunkDecoder();
  for await (const chunk of source) {
    const text = decoder.decode(chunk);
    for (let start = 0; start < text.length; start += PIECE_LENGTH) {
      yield* readPiece(parser, (parser) => parser.write(text.length <= PIECE_LENGTH ? text : text.slice(start, start + PIECE_LENGTH)));
    }
  }
  yield* readPiece(parser, (parser) => {
    parser.write(decoder.end());
    parser.end();
  });
}

/** Runs one step of the parser, then hands out what it completed, even when the step failed part-way. */
function* readPiece(parser: JsonSelectionParser, step: (parser: JsonSelectionParser) => void): Generator<SelectedValue> {
  let failed = false;
  let failure: unknown;
  try {
    step(parser);
  } catch (error) {
    failed = true;
    failure = error;
  }
  yield* parser.takeReady();
  if (failed) throw failure;
}
