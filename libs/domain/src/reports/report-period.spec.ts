import { cadencePeriod, datedPeriod, lastCompletePeriod, lastCompleteQuarter, previousPeriod, quarterPeriod } from './report-period';

describe(quarterPeriod.name, () => {
  it('reads YYYY-Qn', () => {
    expect(quarterPeriod('2026-Q3')).toEqual({ from: '2026-07-01', to: '2026-10-01', label: '2026-Q3' });
    expect(quarterPeriod('2026-Q4')).toEqual({ from: '2026-10-01', to: '2027-01-01', label: '2026-Q4' });
    expect(quarterPeriod('2026-Q5')).toBeNull();
    expect(quarterPeriod('Q3 2026')).toBeNull();
  });
});

describe(lastCompleteQuarter.name, () => {
  it('is the quarter that ended last', () => {
    expect(lastCompleteQuarter(new Date('2026-12-05T10:00:00Z')).label).toBe('2026-Q3');
    expect(lastCompleteQuarter(new Date('2026-01-01T00:00:00Z')).label).toBe('2025-Q4');
    expect(lastCompleteQuarter(new Date('2026-04-01T00:00:00Z')).label).toBe('2026-Q1');
  });
});

describe(previousPeriod.name, () => {
  it('is the quarter before a quarter', () => {
    expect(previousPeriod(quarterPeriod('2026-Q1')!)).toEqual(quarterPeriod('2025-Q4'));
    expect(previousPeriod(datedPeriod('2026-07-01', '2026-10-01'))).toEqual(quarterPeriod('2026-Q2'));
  });

  it('is as many days just before any other period', () => {
    const period = datedPeriod('2026-03-11', '2026-03-21');
    expect(period.label).toBe('2026-03-11 to 2026-03-20');
    expect(previousPeriod(period)).toEqual({ from: '2026-03-01', to: '2026-03-11', label: '2026-03-01 to 2026-03-10' });
  });
});

describe(lastCompletePeriod.name, () => {
  it('is the month or quarter that ended last, keyed by its label', () => {
    expect(lastCompletePeriod('monthly', new Date('2026-12-05T10:00:00Z'))).toEqual({ from: '2026-11-01', to: '2026-12-01', label: '2026-11' });
    expect(lastCompletePeriod('monthly', new Date('2026-01-01T00:00:00Z'))).toEqual({ from: '2025-12-01', to: '2026-01-01', label: '2025-12' });
    expect(lastCompletePeriod('quarterly', new Date('2026-12-05T10:00:00Z')).label).toBe('2026-Q3');
    expect(cadencePeriod('monthly', '2026-13')).toBeNull();
    expect(cadencePeriod('quarterly', '2026-11')).toBeNull();
  });
});
