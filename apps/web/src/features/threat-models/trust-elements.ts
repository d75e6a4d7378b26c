/** A trust zone as the page shows it. */
export interface TrustZone {
  key: string;
  name: string;
  /** 0 (untrusted) to 100 (fully trusted). */
  trustRating: number | null;
  description: string | null;
}

export interface TrustBoundary {
  key: string;
  name: string;
  fromZone: string | null;
  toZone: string | null;
  crossing: string[];
}

type Row = Record<string, unknown>;

function textOf(row: Row, ...names: string[]): string | null {
  for (const name of names) if (typeof row[name] === 'string') return row[name] as string;
  return null;
}

/** PostgreSQL's numeric arrives as a string ("80"); a mapped response would send a number. */
function numberOf(row: Row, ...names: string[]): number | null {
  for (const name of names) {
    const value = row[name];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  }
  return null;
}

/**
 * Reads a trust zone whether the API sends it as stored (snake_case, the rating as text) or mapped
 * like the rest of the version (camelCase), so the page keeps working when the API maps it.
 */
export function readTrustZone(raw: unknown): TrustZone | null {
  if (raw === null || typeof raw !== 'object') return null;
  const row = raw as Row;
  const key = textOf(row, 'key');
  if (key === null) return null;
  return {
    key,
    name: textOf(row, 'name') ?? key,
    trustRating: numberOf(row, 'trustRating', 'trust_rating'),
    description: textOf(row, 'description'),
  };
}

export function readTrustBoundary(raw: unknown): TrustBoundary | null {
  if (raw === null || typeof raw !== 'object') return null;
  const row = raw as Row;
  const key = textOf(row, 'key');
  if (key === null) return null;
  const crossing = row.crossingComponentKeys ?? row.crossing ?? row.crossing_component_keys;
  return {
    key,
    name: textOf(row, 'name') ?? key,
    fromZone: textOf(row, 'fromZoneKey', 'from', 'from_zone_key'),
    toZone: textOf(row, 'toZoneKey', 'to', 'to_zone_key'),
    crossing: Array.isArray(crossing) ? crossing.filter((item): item is string => typeof item === 'string') : [],
  };
}

/** Every readable element of a list, the unreadable ones left out rather than failing the page. */
export function readAll<T>(rows: readonly unknown[], read: (raw: unknown) => T | null): T[] {
  return rows.map(read).filter((item): item is T => item !== null);
}
