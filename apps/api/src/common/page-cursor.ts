import { parseIsoDateTime } from '@escapement/domain';
import { invalid } from './domain-error';

/** Where a keyset page ended: the sort value of its last row (as PostgreSQL prints it) and that row's id. */
export interface PageCursor {
  at: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: they send back what they were given, nothing they could usefully edit. */
export function encodeCursor(cursor: PageCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

/**
 * Reads a cursor this server issued; `acceptsAt` checks the sort value is one PostgreSQL can cast to the
 * type of the list's sort key. A cursor is checked whole here, so an edited one is a 400, never a failed cast.
 */
export function decodeCursor(raw: string | undefined, acceptsAt: (at: string) => boolean): PageCursor | null {
  if (!raw) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [at, id] = decoded as unknown[];
      if (typeof at === 'string' && !at.includes('\u0000') && acceptsAt(at) && typeof id === 'string' && UUID.test(id)) return { at, id };
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('The cursor is not one this server issued', [{ parameter: 'cursor', message: 'invalid cursor' }]);
}

/** A timestamp sort value as `to_json(timestamptz)` prints it (any ISO 8601 date-time PostgreSQL also reads). */
export function isCursorTimestamp(at: string): boolean {
  return parseIsoDateTime(at) !== null;
}
