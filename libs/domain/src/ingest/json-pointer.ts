/** Appends one reference token to a JSON pointer (RFC 6901): `~` and `/` inside a key are escaped. */
export function childPointer(pointer: string, token: string | number): string {
  const text = typeof token === 'number' ? String(token) : token.replace(/~/g, '~0').replace(/\//g, '~1');
  return `${pointer}/${text}`;
}
