import { invalid } from './domain-error';

/** Where a keyset page ended: the sort value of its last row (as PostgreSQL prints it) and that row's id. */
export interface PageCursor {
  at: string;
  id: string;
}

/** Opaque to clients: they send back what they were given, nothing they could usefully edit. */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

/** Reads a cursor this server issued; `acceptsAt` checks the sort value fits the list it pages. */
export function decodeCursor(raw: string | undefined, acceptsAt: (at: string) => boolean): PageCursor | null {
  if (!raw) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && acceptsAt(at) && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return { at, id };
  } catch {
    // fall through to the error below
  }
  throw invalid('The cursor is not one this server issued', [{ parameter: 'cursor', message: 'invalid cursor' }]);
}
