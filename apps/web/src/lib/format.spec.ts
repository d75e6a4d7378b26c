import { formatBytes, formatDate, formatDateTime, formatDay, formatMonth, formatPercent, formatPercentAxis, formatPeriod, periodTickLines } from './format';

describe('format', () => {
  it('writes fractions as percentages and a dash when there is no rate', () => {
    expect(formatPercent(0.4213)).toBe('42.1%');
    expect(formatPercent(1)).toBe('100.0%');
    expect(formatPercent(0.05, 0)).toBe('5%');
    expect(formatPercent(null)).toBe('–');
    expect(formatPercent(Number.NaN)).toBe('–');
    expect(formatPercentAxis(0.25)).toBe('25%');
  });

  it('names UTC periods without shifting them into the previous day', () => {
    expect(formatMonth('2025-03-01')).toBe('Mar');
    expect(formatDate('2025-01-01')).toBe('Jan 1, 2025');
    expect(formatPeriod('2025-03-01', 'month')).toBe('Mar 2025');
    expect(formatPeriod('2025-04-01', 'quarter')).toBe('Q2 2025');
    expect(formatPeriod('2025-03-03', 'week')).toBe('Week of Mar 3, 2025');
  });
});

describe(periodTickLines.name, () => {
  it('shows the year on the first tick and where it changes', () => {
    expect(periodTickLines('2025-11-01', 'month', null)).toEqual(['Nov', '2025']);
    expect(periodTickLines('2025-12-01', 'month', '2025-11-01')).toEqual(['Dec', null]);
    expect(periodTickLines('2026-01-01', 'month', '2025-12-01')).toEqual(['Jan', '2026']);
    expect(periodTickLines('2025-04-01', 'quarter', '2025-01-01')).toEqual(['Q2', null]);
    expect(periodTickLines('2025-03-03', 'week', '2025-02-24')).toEqual(['Mar 3', null]);
  });
});

describe(formatDay.name, () => {
  it('reads the UTC day of an instant', () => {
    expect(formatDay('2026-11-23T22:42:35.000Z')).toBe('Nov 23, 2026');
  });
});

describe(formatDateTime.name, () => {
  it('writes the time in UTC and says so', () => {
    expect(formatDateTime('2026-11-23T22:42:35.000Z')).toBe('Nov 23, 2026, 22:42 UTC');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe(formatBytes.name, () => {
  it('picks a readable unit', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatBytes(null)).toBe('–');
  });
});
