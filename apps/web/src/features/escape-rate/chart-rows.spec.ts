import type { EscapeRateResponse, EscapeRateSeries } from '@escapement/domain';
import { immaturePointCount, isEmptyEscapeRate, periodsOf, readRowValue, toChartRows } from './chart-rows';

function response(series: EscapeRateSeries[]): EscapeRateResponse {
  return { boundary: 'ci', followUpDays: 90, bucket: 'month', groupBy: 'class', series };
}

const design: EscapeRateSeries = {
  key: 'design',
  points: [
    { period: '2025-01-01', total: 10, escaped: 4, rate: 0.4, ciLow: 0.17, ciHigh: 0.69, mature: true },
    { period: '2025-02-01', total: 0, escaped: 0, rate: null, ciLow: null, ciHigh: null, mature: true },
  ],
};
const pattern: EscapeRateSeries = {
  key: 'pattern',
  points: [
    { period: '2025-03-01', total: 20, escaped: 2, rate: 0.1, ciLow: 0.03, ciHigh: 0.3, mature: true },
    { period: '2025-01-01', total: 5, escaped: 5, rate: 1, ciLow: 0.57, ciHigh: 1, mature: true },
  ],
};

describe(periodsOf.name, () => {
  it('takes the union of all series periods in ascending order', () => {
    expect(periodsOf(response([design, pattern]))).toEqual(['2025-01-01', '2025-02-01', '2025-03-01']);
    expect(periodsOf(response([]))).toEqual([]);
  });
});

describe(toChartRows.name, () => {
  it('makes one row per period with flat fields per series', () => {
    const sut = toChartRows(response([design, pattern]));
    expect(sut).toHaveLength(3);
    expect(sut[0]).toEqual({
      period: '2025-01-01',
      design: 0.4,
      designImmature: null,
      designMature: true,
      designBand: [0.17, 0.69],
      designEscaped: 4,
      designTotal: 10,
      pattern: 1,
      patternImmature: null,
      patternMature: true,
      patternBand: [0.57, 1],
      patternEscaped: 5,
      patternTotal: 5,
    });
  });

  it('leaves gaps where a series has no findings or no point at all', () => {
    const sut = toChartRows(response([design, pattern]));
    expect(sut[1]).toMatchObject({ period: '2025-02-01', design: null, designBand: null, pattern: null, patternTotal: 0 });
    expect(sut[2]).toMatchObject({ period: '2025-03-01', design: null, designTotal: 0, pattern: 0.1 });
  });

  it('draws no band when the interval is missing', () => {
    const noInterval: EscapeRateSeries = {
      key: 'design',
      points: [{ period: '2025-01-01', total: 3, escaped: 1, rate: 1 / 3, ciLow: null, ciHigh: null, mature: true }],
    };
    expect(toChartRows(response([noInterval]))[0]).toMatchObject({ design: 1 / 3, designBand: null });
  });
});

describe('immature cohorts', () => {
  const recent: EscapeRateSeries = {
    key: 'design',
    points: [
      { period: '2025-01-01', total: 10, escaped: 4, rate: 0.4, ciLow: 0.17, ciHigh: 0.69, mature: true },
      { period: '2025-02-01', total: 10, escaped: 2, rate: 0.2, ciLow: 0.06, ciHigh: 0.51, mature: false },
      { period: '2025-03-01', total: 0, escaped: 0, rate: null, ciLow: null, ciHigh: null, mature: false },
    ],
  };

  it('moves immature rates to their own field and starts the dashed segment at the last mature point', () => {
    const sut = toChartRows(response([recent]));
    expect(sut.map((row) => [row.design, row.designImmature, row.designMature])).toEqual([
      [0.4, 0.4, true],
      [null, 0.2, false],
      [null, null, false],
    ]);
    expect(readRowValue(sut[1]!, 'design')).toMatchObject({ rate: 0.2, mature: false });
    expect(readRowValue(sut[0]!, 'design')).toMatchObject({ rate: 0.4, mature: true });
  });

  it('counts the immature points that have findings', () => {
    expect(immaturePointCount(response([recent]), 'design')).toBe(1);
    expect(immaturePointCount(response([recent]), 'pattern')).toBe(0);
  });
});

describe(readRowValue.name, () => {
  it('reads back what toChartRows wrote, with safe defaults for unknown keys', () => {
    const [row] = toChartRows(response([design]));
    expect(readRowValue(row!, 'design')).toEqual({ rate: 0.4, mature: true, band: [0.17, 0.69], escaped: 4, total: 10 });
    expect(readRowValue(row!, 'pattern')).toEqual({ rate: null, mature: true, band: null, escaped: 0, total: 0 });
  });
});

describe(isEmptyEscapeRate.name, () => {
  it('is empty without series or without a single finding', () => {
    expect(isEmptyEscapeRate(response([]))).toBe(true);
    expect(isEmptyEscapeRate(response([{ key: 'design', points: [design.points[1]!] }]))).toBe(true);
    expect(isEmptyEscapeRate(response([design]))).toBe(false);
  });
});
