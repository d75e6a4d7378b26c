import { parseTokenExpiry } from './token-expiry';

describe(parseTokenExpiry.name, () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('reads durations, dates and never', () => {
    const sut = (raw: string) => parseTokenExpiry(raw, now)?.toISOString() ?? null;
    expect(sut('90d')).toBe('2026-04-01T00:00:00.000Z');
    expect(sut('12h')).toBe('2026-01-01T12:00:00.000Z');
    expect(sut('1y')).toBe('2027-01-01T00:00:00.000Z');
    expect(sut('2026-06-30')).toBe('2026-06-30T00:00:00.000Z');
    expect(sut('never')).toBeNull();
  });

  it('refuses what it cannot read', () => {
    for (const raw of ['', '0d', 'soon', '90', '-1d']) expect(() => parseTokenExpiry(raw, now)).toThrow(/90d/);
  });
});
