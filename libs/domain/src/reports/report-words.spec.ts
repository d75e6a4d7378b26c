import { rateChange, rateWithCounts, reportPercent, reportPoints, verdictStatistics } from './report-words';
import { reportRate } from './report-figures';

describe(reportPercent.name, () => {
  it('prints one decimal', () => {
    expect(reportPercent(0.125)).toBe('12.5%');
    expect(reportPercent(null)).toBe('–');
    expect(reportPoints(0.032)).toBe('+3.2 pts');
    expect(reportPoints(-0.01)).toBe('−1.0 pts');
    expect(reportPoints(0)).toBe('±0.0 pts');
    expect(rateWithCounts(reportRate(9, 72))).toBe('12.5% (9 of 72)');
    expect(rateChange(reportRate(1, 2), reportRate(0, 0))).toBeNull();
  });

  it('puts the verdict statistics in one line', () => {
    expect(
      verdictStatistics({ subject: '', code: 'likely-real', words: '', unavailable: null, findingClass: 'design', analysis: 'primary', estimate: -0.12, ciLow: -0.2, ciHigh: -0.04, pValue: 0.004, adoptingUnits: 2, controlUnits: 6, horizonDays: 120, preTrendDiffers: false, fallbackShare: 0.15 }),
    ).toBe('control-adjusted change −12.0 pts (95% interval −20.0 pts to −4.0 pts); randomisation p = 0.004; 2 adopting and 6 control services; escapes counted within 120 days; 15% dated by detection.');
  });
});
