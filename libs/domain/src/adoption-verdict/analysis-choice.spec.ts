import { DEFAULT_PRIMARY_ANALYSIS } from '../model/primary-analysis';
import { chooseAnalysis } from './analysis-choice';

describe(chooseAnalysis.name, () => {
  const recorded = { findingClass: 'pattern', boundary: 'production', horizonRule: '120d', minimalImportantDifference: 0.05 } as const;

  it('runs the recorded primary analysis when the caller changes nothing', () => {
    const sut = chooseAnalysis(recorded, {});
    expect(sut).toEqual({
      findingClass: 'pattern',
      boundary: 'production',
      horizon: { kind: 'days', days: 120 },
      minimalImportantDifference: 0.05,
      analysis: 'primary',
      exploratorySettings: [],
    });
    expect(chooseAnalysis(DEFAULT_PRIMARY_ANALYSIS, {}).horizon).toEqual({ kind: 'quantile', quantile: 0.9 });
  });

  it('stays primary when a parameter repeats the recorded value', () => {
    expect(chooseAnalysis(recorded, { findingClass: 'pattern', boundary: 'production', horizonDays: 120, minimalImportantDifference: 0.05 }).analysis).toBe('primary');
  });

  it('names every changed setting and calls the analysis exploratory', () => {
    const sut = chooseAnalysis(DEFAULT_PRIMARY_ANALYSIS, { findingClass: 'all', boundary: 'production', horizonDays: 90, minimalImportantDifference: 0.2 });
    expect(sut.analysis).toBe('exploratory');
    expect(sut.exploratorySettings).toEqual(['class', 'boundary', 'horizon', 'minimalImportantDifference']);
    expect(sut).toMatchObject({ findingClass: 'all', boundary: 'production', horizon: { kind: 'days', days: 90 }, minimalImportantDifference: 0.2 });
    expect(chooseAnalysis(DEFAULT_PRIMARY_ANALYSIS, { boundary: 'pre_release' }).exploratorySettings).toEqual(['boundary']);
  });
});
