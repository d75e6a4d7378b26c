const DAY_MS = 86_400_000;

/** Tokens expire unless asked not to: a forgotten CI token should not stay valid for ever. */
export const DEFAULT_TOKEN_LIFETIME_DAYS = 90;

/** `90d`, `12h`, `1y`, an ISO date or time, or `never`; null means never. */
export function parseTokenExpiry(raw: string, now = new Date()): Date | null {
  const value = raw.trim();
  if (value === 'never') return null;
  const relative = /^(\d+)\s*(h|d|w|y)$/.exec(value);
  if (relative && Number(relative[1]) > 0) {
    const hours = { h: 1, d: 24, w: 24 * 7, y: 24 * 365 }[relative[2] as 'h' | 'd' | 'w' | 'y'];
    return new Date(now.getTime() + Number(relative[1]) * hours * 3_600_000);
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) return new Date(value);
  throw new Error(`an expiry must be like 90d, 12h, 1y, an ISO date, or never; got "${raw}"`);
}

export function defaultTokenExpiry(now = new Date()): Date {
  return new Date(now.getTime() + DEFAULT_TOKEN_LIFETIME_DAYS * DAY_MS);
}
