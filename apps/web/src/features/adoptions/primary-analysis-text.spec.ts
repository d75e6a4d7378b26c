import { describePrimaryAnalysis } from './primary-analysis-text';

describe(describePrimaryAnalysis.name, () => {
  it('reads the defaults in words', () => {
    expect(describePrimaryAnalysis({ findingClass: 'design', boundary: 'ci', horizonRule: 'p90', minimalImportantDifference: 0.1 })).toBe(
      'Design-level · escapes from CI · horizon p90 of detection delay · MID 10 points',
    );
  });

  it('reads a fixed horizon in days and a fractional difference', () => {
    expect(describePrimaryAnalysis({ findingClass: 'all', boundary: 'production', horizonRule: '365d', minimalImportantDifference: 0.025 })).toBe(
      'All findings · escapes from Production · horizon 365 days · MID 2.5 points',
    );
  });
});
