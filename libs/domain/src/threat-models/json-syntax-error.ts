/**
 * Where JSON text first goes wrong, as an offset. `JSON.parse` says so only in some engines and only
 * for some errors (V8 reports `Unexpected token '}', ..."project": }"` with no position), and the YAML
 * parser accepts much that JSON does not, so the place is found by this small recursive-descent scan.
 * Only called on text `JSON.parse` rejected; null if the scan finds nothing (or nests too deep).
 */
export function jsonSyntaxErrorOffset(text: string): number | null {
  try {
    const end = skipSpace(text, value(text, skipSpace(text, 0)));
    return end === text.length ? null : end;
  } catch (error) {
    if (error instanceof JsonSyntaxAt) return error.offset;
    if (error instanceof RangeError) return null;
    throw error;
  }
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

/** Reads one value starting at `at`; returns the offset after it. */
function value(text: string, at: number): number {
  const char = text[at];
  if (char === '{') return object(text, at);
  if (char === '[') return array(text, at);
  if (char === '"') return string(text, at);
  for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, at)) return at + literal.length;
  NUMBER.lastIndex = at;
  if (NUMBER.test(text)) return NUMBER.lastIndex;
  throw new JsonSyntaxAt(at);
}

function object(text: string, at: number): number {
  let i = skipSpace(text, at + 1);
  if (text[i] === '}') return i + 1;
  for (;;) {
    if (text[i] !== '"') throw new JsonSyntaxAt(i);
    i = skipSpace(text, string(text, i));
    if (text[i] !== ':') throw new JsonSyntaxAt(i);
    i = skipSpace(text, value(text, skipSpace(text, i + 1)));
    if (text[i] === '}') return i + 1;
    if (text[i] !== ',') throw new JsonSyntaxAt(i);
    i = skipSpace(text, i + 1);
  }
}

function array(text: string, at: number): number {
  let i = skipSpace(text, at + 1);
  if (text[i] === ']') return i + 1;
  for (;;) {
    i = skipSpace(text, value(text, i));
    if (text[i] === ']') return i + 1;
    if (text[i] !== ',') throw new JsonSyntaxAt(i);
    i = skipSpace(text, i + 1);
  }
}

function string(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length) {
    const char = text[i];
    if (char === '"') return i + 1;
    if (char < ' ') throw new JsonSyntaxAt(i);
    if (char === '\\') {
      const escaped = text[i + 1];
      if (escaped === 'u') {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) throw new JsonSyntaxAt(i);
        i += 6;
        continue;
      }
      if (escaped === undefined || !'"\\/bfnrt'.includes(escaped)) throw new JsonSyntaxAt(i);
      i += 2;
      continue;
    }
    i++;
  }
  throw new JsonSyntaxAt(text.length);
}
