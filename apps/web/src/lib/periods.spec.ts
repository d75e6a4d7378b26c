import { dayAfter, lastDayOf, nextPeriodStart, periodContaining } from './periods';

describe(nextPeriodStart.name, () => {
  it('steps by calendar month, quarter and week in UTC', () => {
    expect(nextPeriodStart('2025-01-01', 'month')).toBe('2025-02-01');
    expect(nextPeriodStart('2025-12-01', 'month')).toBe('2026-01-01');
    expect(nextPeriodStart('2025-10-01', 'quarter')).toBe('2026-01-01');
    expect(nextPeriodStart('2025-03-31', 'week')).toBe('2025-04-07');
  });
});

describe(periodContaining.name, () => {
  const months = ['2025-01-01', '2025-02-01', '2025-03-01', '2025-05-01'];

  it('finds the month a date falls in, on its first and last day', () => {
    expect(periodContaining('2025-02-01', months, 'month')).toBe('2025-02-01');
    expect(periodContaining('2025-02-28', months, 'month')).toBe('2025-02-01');
    expect(periodContaining('2025-05-31', months, 'month')).toBe('2025-05-01');
  });

  it('gives null outside the charted periods and in a gap between them', () => {
    expect(periodContaining('2024-12-31', months, 'month')).toBeNull();
    expect(periodContaining('2025-06-01', months, 'month')).toBeNull();
    expect(periodContaining('2025-04-15', months, 'month')).toBeNull();
    expect(periodContaining('2025-04-15', [], 'month')).toBeNull();
  });
});

describe(dayAfter.name, () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(dayAfter('2025-06-30')).toBe('2025-07-01');
    expect(dayAfter('2025-12-31')).toBe('2026-01-01');
    expect(dayAfter('2024-02-28')).toBe('2024-02-29');
  });
});

describe(lastDayOf.name, () => {
  it('ends months, quarters and weeks on their last day', () => {
    expect(lastDayOf('2024-02-01', 'month')).toBe('2024-02-29');
    expect(lastDayOf('2025-12-01', 'month')).toBe('2025-12-31');
    expect(lastDayOf('2025-10-01', 'quarter')).toBe('2025-12-31');
    expect(lastDayOf('2025-03-31', 'week')).toBe('2025-04-06');
  });
});
