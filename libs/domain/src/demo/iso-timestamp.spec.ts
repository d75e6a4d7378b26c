import { isoTimestamp } from './iso-timestamp';
import { Random } from './random';

describe(isoTimestamp.name, () => {
  const sut = isoTimestamp;
  const asDate = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();

  it('formats like Date#toISOString truncated to the second', () => {
    expect(sut(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(sut(Date.parse('2024-02-29T23:59:59.999Z'))).toBe('2024-02-29T23:59:59.000Z');
    expect(sut(Date.parse('2100-03-01T00:00:00Z'))).toBe('2100-03-01T00:00:00.000Z');
    expect(sut(Date.parse('1969-12-31T23:59:59.500Z'))).toBe('1969-12-31T23:59:59.000Z');
  });

  it('agrees with Date#toISOString across two centuries', () => {
    const random = new Random(5);
    const from = Date.parse('1901-01-01T00:00:00Z');
    const to = Date.parse('2099-12-31T23:59:59Z');
    const mismatches: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const ms = Math.floor(random.between(from, to));
      if (sut(ms) !== asDate(ms)) mismatches.push(`${ms}: ${sut(ms)} != ${asDate(ms)}`);
    }
    expect(mismatches).toEqual([]);
  });
});
