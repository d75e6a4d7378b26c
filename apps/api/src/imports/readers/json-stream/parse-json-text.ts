import { JsonSelectionParser } from './json-selection-parser';
import { resolveLimits, type JsonStreamOptions } from './json-stream-options';
import { Utf8ChunkDecoder } from './utf8-chunk-decoder';

/** Parses a whole (small) document like JSON.parse, with the streaming reader's limits and error positions. */
export function parseJsonText(text: string, options?: JsonStreamOptions): unknown {
  const parser = new JsonSelectionParser(() => 'take', resolveLimits(options));
  parser.write(new Utf8ChunkDecoder().decode(text));
  parser.end();
  return parser.takeReady()[0].value;
}
