/**
 * Where JSON pointers point in JSON text, found in one pass over the text: the offset of a member's
 * key (where a person looks for a member), of an array item, or of the root value. A pointer that
 * does not exist gets the offset of its nearest ancestor that does. Only called on text `JSON.parse`
 * accepted, after its nesting was bounded; it builds no values, so locating the problems of a large
 * file costs one scan rather than a second parse.
 */
export function locateJsonPointers(text: string, pointers: readonly string[]): Array<number | null> {
  const prefixes = new Set<string>();
  for (const pointer of pointers) for (const prefix of prefixesOf(pointer)) prefixes.add(prefix);
  const found = new Map<string, number>();
  scan(text, prefixes, found);
  return pointers.map((pointer) => {
    for (const prefix of prefixesOf(pointer).reverse()) {
      const offset = found.get(prefix);
      if (offset !== undefined) return offset;
    }
    return null;
  });
}

/** "", "/a", "/a/0" for "/a/0". */
function prefixesOf(pointer: string): string[] {
  const prefixes = [''];
  let at = pointer.indexOf('/', 1);
  while (at !== -1) {
    prefixes.push(pointer.slice(0, at));
    at = pointer.indexOf('/', at + 1);
  }
  if (pointer !== '') prefixes.push(pointer);
  return prefixes;
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** An open container; `pointer` is null when nothing wanted lies inside it. */
interface Frame {
  isObject: boolean;
  pointer: string | null;
  index: number;
  /** The pointer of the member whose value comes next (objects only). */
  pending: { pointer: string | null } | null;
}

function scan(text: string, wanted: ReadonlySet<string>, found: Map<string, number>): void {
  const stack: Frame[] = [];
  let i = 0;
  /** The pointer of the value starting at `at`, recording where it is when it is wanted. */
  const valueStarts = (at: number): string | null => {
    const top = stack[stack.length - 1];
    let pointer: string | null;
    if (top === undefined) {
      pointer = '';
      found.set('', at);
    } else if (top.isObject) {
      pointer = top.pending?.pointer ?? null;
      top.pending = null;
    } else {
      pointer = top.pointer === null ? null : `${top.pointer}/${top.index}`;
      top.index++;
      if (pointer !== null && wanted.has(pointer)) found.set(pointer, at);
    }
    return pointer !== null && wanted.has(pointer) ? pointer : null;
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2c /* , */ || c === 0x3a /* : */) {
      i++;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      stack.push({ isObject: c === 0x7b, pointer: valueStarts(i), index: 0, pending: null });
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      i++;
    } else if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top?.isObject && top.pending === null) {
        // A key: the value after it is the member it names.
        const pointer = top.pointer === null ? null : `${top.pointer}/${escapeToken(JSON.parse(text.slice(i, end)) as string)}`;
        if (pointer !== null && wanted.has(pointer)) found.set(pointer, i);
        top.pending = { pointer };
      } else {
        valueStarts(i);
      }
      i = end;
    } else {
      // A number, true, false or null.
      valueStarts(i);
      while (i < text.length && !',]} \t\n\r'.includes(text[i])) i++;
    }
  }
}

/** The offset after the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return i;
}
