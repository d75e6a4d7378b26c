import { nextPeriod, periodRange, periodStart } from './periods';

describe(periodStart.name, () => {
  it('starts weeks on Monday, months on the 1st and quarters in Jan/Apr/Jul/Oct, in UTC', () => {
    const sut = periodStart;
    expect(sut(new Date('2026-03-01T23:59:59Z'), 'week')).toBe('2026-02-23');
    expect(sut(new Date('2026-03-02T00:00:00Z'), 'week')).toBe('2026-03-02');
    expect(sut(new Date('2026-03-31T23:59:59Z'), 'month')).toBe('2026-03-01');
    expect(sut(new Date('2026-06-30T12:00:00Z'), 'quarter')).toBe('2026-04-01');
    expect(sut(new Date('2026-12-31T12:00:00Z'), 'quarter')).toBe('2026-10-01');
  });
});

describe(periodRange.name, () => {
  it('lists every period between two dates, inclusive', () => {
    expect(periodRange('2025-11-15', '2026-02-03', 'month')).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
    expect(periodRange('2026-01-01', '2026-01-20', 'week')).toEqual(['2025-12-29', '2026-01-05', '2026-01-12', '2026-01-19']);
    expect(nextPeriod('2026-10-01', 'quarter')).toBe('2027-01-01');
  });
});
