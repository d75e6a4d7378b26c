import type { EscapeRateResponse } from '@escapement/domain';
import { periodTickInterval, rateAxis } from './rate-axis';

function withHighest(rate: number | null, ciHigh: number | null, total = 10): EscapeRateResponse {
  return {
    boundary: 'ci',
    followUpDays: 90,
    bucket: 'month',
    groupBy: 'class',
    series: [{ key: 'design', points: [{ period: '2025-01-01', total, escaped: 1, rate, ciLow: 0, ciHigh, mature: true }] }],
  };
}

describe(rateAxis.name, () => {
  it('rounds the top up to a readable percentage with even ticks', () => {
    expect(rateAxis(withHighest(0.02, 0.043))).toEqual({ max: 0.05, ticks: [0, 0.01, 0.02, 0.03, 0.04, 0.05] });
    expect(rateAxis(withHighest(0.3, 0.52))).toEqual({ max: 0.6, ticks: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6] });
    expect(rateAxis(withHighest(0.9, 1))).toEqual({ max: 1, ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
  });

  it('keeps an exact round value as the top', () => {
    expect(rateAxis(withHighest(0.1, 0.2)).max).toBe(0.2);
  });

  it('ignores periods without findings and still gives an axis when there is nothing', () => {
    expect(rateAxis(withHighest(null, null, 0)).max).toBe(0.05);
  });
});

describe(periodTickInterval.name, () => {
  it('labels every period up to two years of months, then thins out', () => {
    expect(periodTickInterval(18)).toBe(0);
    expect(periodTickInterval(24)).toBe(0);
    expect(periodTickInterval(36)).toBe(2);
    expect(periodTickInterval(78)).toBe(6);
  });
});
