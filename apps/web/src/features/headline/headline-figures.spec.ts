import type { EscapeRateResponse } from '@escapement/domain';
import { comparedPeriods, coversImmatureDays, escapeCounts, headlineFigures, trendOf, type HeadlineFigure, type PeriodCounts } from './headline-figures';

describe(comparedPeriods.name, () => {
  it('compares a picked period with the one of the same length just before it', () => {
    expect(comparedPeriods('2025-04-01', '2025-06-30', '2026-01-01', 90)).toEqual({
      current: { from: '2025-04-01', to: '2025-06-30' },
      // The same number of days (91), not the same calendar quarter.
      previous: { from: '2024-12-31', to: '2025-03-31' },
      defaulted: false,
    });
  });

  it('defaults to the latest 90 days that have had the whole follow-up', () => {
    const sut = comparedPeriods(null, null, '2026-11-25', 90);
    expect(sut.current).toEqual({ from: '2026-05-30', to: '2026-08-27' });
    expect(sut.previous).toEqual({ from: '2026-03-01', to: '2026-05-29' });
    expect(sut.defaulted).toBe(true);
  });

  it('fills an open end from today or from the other end', () => {
    expect(comparedPeriods('2026-11-01', null, '2026-11-25', 90).current).toEqual({ from: '2026-11-01', to: '2026-11-25' });
    expect(comparedPeriods(null, '2026-03-31', '2026-11-25', 90).current).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });
});

const response: EscapeRateResponse = {
  boundary: 'ci',
  followUpDays: 90,
  bucket: 'month',
  groupBy: 'class',
  series: [
    {
      key: 'design',
      points: [
        { period: '2025-01-01', total: 10, escaped: 4, rate: 0.4, ciLow: 0, ciHigh: 1, mature: true },
        { period: '2025-02-01', total: 10, escaped: 1, rate: 0.1, ciLow: 0, ciHigh: 1, mature: false },
      ],
    },
    { key: 'pattern', points: [{ period: '2025-01-01', total: 30, escaped: 3, rate: 0.1, ciLow: 0, ciHigh: 1, mature: true }] },
  ],
};

describe(escapeCounts.name, () => {
  it('adds up every series, or one', () => {
    expect(escapeCounts(response)).toEqual({ escaped: 8, total: 50 });
    expect(escapeCounts(response, 'design')).toEqual({ escaped: 5, total: 20 });
    expect(escapeCounts(response, 'unclassified')).toEqual({ escaped: 0, total: 0 });
  });

  it('tells whether a period holds days younger than the follow-up', () => {
    expect(coversImmatureDays({ from: '2026-05-30', to: '2026-08-27' }, '2026-11-25', 90)).toBe(false);
    expect(coversImmatureDays({ from: '2026-05-30', to: '2026-08-28' }, '2026-11-25', 90)).toBe(true);
  });
});

describe(headlineFigures.name, () => {
  const counts = (escaped: number, total: number, production: number, gaps: number): PeriodCounts => ({
    all: { escaped, total },
    design: { escaped: escaped / 2, total: total / 2 },
    productionEscapes: production,
    contextGaps: gaps,
  });

  it('gives the four figures for both periods, and no rate for a period without findings', () => {
    const sut = headlineFigures(counts(10, 40, 3, 5), counts(0, 0, 0, 0));
    expect(sut.map(({ id, current, previous }) => [id, current, previous])).toEqual([
      ['escape-rate', 0.25, null],
      ['design-escape-rate', 0.25, null],
      ['production-escapes', 3, 0],
      ['context-gaps', 5, 0],
    ]);
  });
});

describe(trendOf.name, () => {
  const rate = (current: number | null, previous: number | null): HeadlineFigure => ({ id: 'escape-rate', label: '', kind: 'rate', current, previous });
  const count = (current: number, previous: number): HeadlineFigure => ({ id: 'context-gaps', label: '', kind: 'count', current, previous });

  it('says how many percentage points a rate moved', () => {
    expect(trendOf(rate(0.22, 0.3))).toEqual({ direction: 'down', words: 'down 8 points', arrow: '↓' });
    expect(trendOf(rate(0.304, 0.3))).toEqual({ direction: 'up', words: 'up 0.4 points', arrow: '↑' });
    expect(trendOf(rate(0.31, 0.3)).words).toBe('up 1 point');
    expect(trendOf(rate(0.6, 0.3)).words).toBe('up 30 points');
    expect(trendOf(rate(0.3, 0.3))).toEqual({ direction: 'flat', words: 'no change', arrow: '→' });
  });

  it('says how much a count moved', () => {
    expect(trendOf(count(3, 15)).words).toBe('down 12');
    expect(trendOf(count(4, 1)).words).toBe('up 3');
    expect(trendOf(count(2, 2)).direction).toBe('flat');
  });

  it('does not invent a trend without an earlier figure', () => {
    expect(trendOf(rate(0.2, null))).toEqual({ direction: 'unknown', words: 'no earlier figure to compare', arrow: '' });
  });
});
