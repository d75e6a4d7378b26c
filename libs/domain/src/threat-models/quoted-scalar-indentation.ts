/**
 * YAML requires the continuation lines of a quoted scalar to be indented more than the collection that
 * holds it. Hand-written files break this (the Open Threat Model's own example closes a multi-line
 * `codeSnippet: '…'` at its key's indentation), and other YAML readers (PyYAML, Go's yaml.v3) accept them.
 * This indents such lines to the column of the opening quote. Leading white space of a quoted scalar's
 * continuation lines is not part of its value, so the value read is what the author wrote; lines are only
 * widened, never added or removed, so line numbers stay those of the original text.
 *
 * Returns null when nothing needed mending. Callers use it only for text that does not parse as it is:
 * valid YAML is never rewritten.
 */
export function mendQuotedScalarIndentation(text: string): string | null {
  const lines = text.split(/(?<=\n)/);
  let changed = false;
  let blockScalarOwner = -1;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const indent = indentationOf(line);
    const content = line.slice(indent).replace(/\r?\n$/, '');
    if (blockScalarOwner >= 0) {
      if (content === '' || indent > blockScalarOwner) continue;
      blockScalarOwner = -1;
    }
    if (content === '' || content.startsWith('#')) continue;
    const value = valueOf(content, indent);
    if (value === null) continue;
    if (/^[|>][0-9+-]*\s*(#.*)?$/.test(value.text)) {
      blockScalarOwner = value.ownerColumn;
      continue;
    }
    const quote = value.text[0];
    if (quote !== "'" && quote !== '"') continue;
    const end = closingLine(lines, index, value.column + 1, quote);
    if (end === null) continue;
    for (let next = index + 1; next <= end; next++) {
      const nextIndent = indentationOf(lines[next]);
      if (lines[next].slice(nextIndent).trim() === '' || nextIndent >= value.column) continue;
      lines[next] = ' '.repeat(value.column - nextIndent) + lines[next];
      changed = true;
    }
    index = end;
  }
  return changed ? lines.join('') : null;
}

interface LineValue {
  /** What follows the line's key (or sequence dashes), from its first character. */
  text: string;
  /** 0-based column of `text`. */
  column: number;
  /** Column of the key or dash that owns the value: a block scalar's lines are those indented more. */
  ownerColumn: number;
}

const KEY = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)\s*:(?:\s+|$)/;

function valueOf(content: string, indent: number): LineValue | null {
  let column = indent;
  let text = content;
  let ownerColumn = indent;
  for (let dash = /^-(\s+|$)/.exec(text); dash !== null; dash = /^-(\s+|$)/.exec(text)) {
    ownerColumn = column;
    column += dash[0].length;
    text = text.slice(dash[0].length);
  }
  const key = KEY.exec(text);
  if (key !== null) {
    ownerColumn = column;
    column += key[0].length;
    text = text.slice(key[0].length);
  }
  return text === '' ? null : { text, column, ownerColumn };
}

/** Index of the line holding the closing quote, or null when the scalar closes on its own line or never. */
function closingLine(lines: readonly string[], start: number, from: number, quote: string): number | null {
  let position = from;
  for (let index = start; index < lines.length; index++, position = 0) {
    const line = lines[index];
    for (; position < line.length; position++) {
      const c = line[position];
      if (quote === '"' && c === '\\') position++;
      else if (c === quote && quote === "'" && line[position + 1] === "'") position++;
      else if (c === quote) return index === start ? null : index;
    }
  }
  return null;
}

function indentationOf(line: string): number {
  let count = 0;
  while (line[count] === ' ') count++;
  return count;
}
