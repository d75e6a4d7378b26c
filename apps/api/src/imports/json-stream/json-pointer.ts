/** Where a value sits in a document: object keys and array indexes from the root down; `[]` is the root. */
export type JsonPath = readonly (string | number)[];

/** RFC 6901 pointer for a path: `''` for the root, `~` and `/` inside keys escaped as `~0` and `~1`. */
export function toJsonPointer(path: JsonPath): string {
  let pointer = '';
  for (const segment of path) {
    pointer += '/' + (typeof segment === 'number' ? String(segment) : segment.replace(/~/g, '~0').replace(/\//g, '~1'));
  }
  return pointer;
}
