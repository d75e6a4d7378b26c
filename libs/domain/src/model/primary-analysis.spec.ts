import { parseHorizonRule } from './primary-analysis';

describe(parseHorizonRule.name, () => {
  it('reads a percentile of the detection delay, or a fixed number of days', () => {
    expect(parseHorizonRule('p90')).toEqual({ kind: 'quantile', quantile: 0.9 });
    expect(parseHorizonRule('p50')).toEqual({ kind: 'quantile', quantile: 0.5 });
    expect(parseHorizonRule('180d')).toEqual({ kind: 'days', days: 180 });
    expect(parseHorizonRule('3650d')).toEqual({ kind: 'days', days: 3650 });
  });

  it('refuses anything else', () => {
    for (const text of ['p100', 'p49', 'p9', '0d', '3651d', '90', 'P90', ' p90', '1.5d', '']) expect(parseHorizonRule(text)).toBeNull();
  });
});
