import { colorVariable, resolveSeries, type ChartConfig } from './chart-config';

const config: ChartConfig = {
  design: { label: 'Design-level', color: 'var(--chart-1)' },
  pattern: { label: 'Pattern-level', color: 'var(--chart-2)' },
};

describe(resolveSeries.name, () => {
  it('orders known keys as the config does and appends unknown ones', () => {
    const sut = resolveSeries(config, ['other', 'pattern', 'design']);
    expect(sut.map((series) => [series.key, series.label])).toEqual([
      ['design', 'Design-level'],
      ['pattern', 'Pattern-level'],
      ['other', 'other'],
    ]);
    expect(sut[2]!.color).toBe('var(--chart-4)');
  });

  it('draws only keys the data holds', () => {
    expect(resolveSeries(config, ['pattern']).map((series) => series.key)).toEqual(['pattern']);
  });
});

describe(colorVariable.name, () => {
  it('makes a safe custom property name', () => {
    expect(colorVariable('design')).toBe('--color-design');
    expect(colorVariable('team a/b')).toBe('--color-team-a-b');
  });
});
