/** Where a value sits in a document: object keys and array indexes from the root down; `[]` is the root. */
export type JsonPath = readonly (string | number)[];

/** One reference token of a JSON pointer (RFC 6901): `~` and `/` inside a key are escaped, `~` first. */
function pointerToken(token: string | number): string {
  return typeof token === 'number' ? String(token) : token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Appends one reference token to a JSON pointer. */
export function childPointer(pointer: string, token: string | number): string {
  return `${pointer}/${pointerToken(token)}`;
}

/** The pointer for a path: `''` for the root. */
export function toJsonPointer(path: JsonPath): string {
  let pointer = '';
  for (const segment of path) pointer += '/' + pointerToken(segment);
  return pointer;
}
