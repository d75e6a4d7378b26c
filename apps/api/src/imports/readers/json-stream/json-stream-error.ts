export type JsonStreamErrorKind = 'syntax' | 'depth' | 'size';

export interface JsonStreamErrorDetails {
  kind: JsonStreamErrorKind;
  /** What went wrong, e.g. `Unexpected character "}"`. */
  problem: string;
  line: number;
  column: number;
  pointer: string;
  /** What the reader expected instead, or why the input is refused. */
  detail?: string;
}

/**
 * A document the reader refuses, with the place to look at.
 *
 * `line` and `column` are 1-based. Lines are separated by `\n` (so `\r\n` counts once; a lone `\r` does not
 * start a line). Columns count UTF-16 code units of the decoded text, the unit of JavaScript string indexes and
 * of most editors' "column" for BMP text; a character outside the BMP (an emoji) counts as two.
 * `pointer` is the RFC 6901 pointer of the value being read when reading failed, `''` for the root.
 */
export class JsonStreamError extends Error {
  override readonly name = 'JsonStreamError';
  readonly kind: JsonStreamErrorKind;
  readonly line: number;
  readonly column: number;
  readonly pointer: string;

  constructor(details: JsonStreamErrorDetails) {
    super(formatMessage(details));
    this.kind = details.kind;
    this.line = details.line;
    this.column = details.column;
    this.pointer = details.pointer;
  }
}

function formatMessage({ problem, line, column, pointer, detail }: JsonStreamErrorDetails): string {
  const where = pointer === '' ? '' : ` (in ${pointer})`;
  return `${problem} at line ${line}, column ${column}${where}${detail ? `: ${detail}` : ''}`;
}

/** Names a character as JSON would write it, so that quotes, control characters and odd spaces are visible. */
export function unexpectedCharacter(codePoint: number): string {
  return `Unexpected character ${JSON.stringify(String.fromCodePoint(codePoint))}`;
}
