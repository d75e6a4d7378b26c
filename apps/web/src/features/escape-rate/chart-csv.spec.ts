import type { EscapeRateResponse } from '@escapement/domain';
import { toChartRows } from './chart-rows';
import { escapeRateCsv } from './chart-csv';

const response: EscapeRateResponse = {
  boundary: 'ci',
  followUpDays: 90,
  bucket: 'month',
  groupBy: 'class',
  series: [
    {
      key: 'design',
      points: [
        { period: '2025-01-01', total: 10, escaped: 4, rate: 0.4, ciLow: 0.17, ciHigh: 0.69, mature: true },
        { period: '2025-02-01', total: 5, escaped: 1, rate: 0.2, ciLow: 0.04, ciHigh: 0.62, mature: false },
      ],
    },
  ],
};

describe(escapeRateCsv.name, () => {
  it('writes one line per period with the rate, interval, counts and maturity of each series', () => {
    const sut = escapeRateCsv(toChartRows(response), [{ key: 'design', label: 'Design-level' }]);
    expect(sut.header).toEqual([
      'period',
      'Design-level rate',
      'Design-level 95% low',
      'Design-level 95% high',
      'Design-level escaped',
      'Design-level total',
      'Design-level mature',
    ]);
    expect(sut.rows).toEqual([
      ['2025-01-01', 0.4, 0.17, 0.69, 4, 10, true],
      ['2025-02-01', 0.2, 0.04, 0.62, 1, 5, false],
    ]);
  });
});
