import { classVerdictFixture, verdictFixture } from './impact-fixture';
import { analysisWords, estimateWords, fallbackWords, horizonWords, lateEscapeWords, randomisationWords, sensitivityWords } from './verdict-words';

describe('verdict words', () => {
  it('gives the difference in differences with its interval', () => {
    expect(estimateWords(classVerdictFixture())).toBe('−3.7 points (95% interval −10.5 to +3.1 points)');
    expect(estimateWords(classVerdictFixture({ estimate: null, interval: null }))).toMatch(/^No estimate/);
  });

  it('gives the Holm-adjusted randomisation p-value, how it was found and the units', () => {
    expect(randomisationWords(classVerdictFixture())).toBe(
      'p = 0.580 Holm-adjusted across classes (p = 0.290 alone), exact over all 56 relabellings of 3 adopting and 5 control services.',
    );
    expect(randomisationWords(classVerdictFixture({ pValue: null, randomisation: null, units: { adopting: 1, control: 1 } }))).toBe(
      'Not tested (1 adopting and 1 control service).',
    );
  });

  it('says what H is, how it was chosen and what it leaves out', () => {
    const { horizon } = verdictFixture();
    expect(horizonWords(horizon)).toBe("217 days: the 90th percentile of the organisation's detection delay to escape (Kaplan–Meier, 300 dated escapes).");
    expect(horizonWords({ ...horizon, horizonDays: 120, rule: { kind: 'days', days: 120 }, estimated: false })).toBe('120 days: fixed at 120 days.');
    expect(lateEscapeWords(horizon)).toMatch(/^8\.0% of escapes/);
    expect(fallbackWords(0.25)).toMatch(/^25% of the compared findings/);
    expect(sensitivityWords(classVerdictFixture())).toBe(
      'With every finding dated by its first detection: −5.0 points (−12.0 to +2.0 points), p = 0.200 — too little data to tell.',
    );
  });

  it('labels an exploratory analysis with what it changed', () => {
    expect(analysisWords(verdictFixture())).toBe('Primary analysis, fixed when the adoption was recorded');
    expect(analysisWords(verdictFixture({ analysis: 'exploratory', exploratorySettings: ['boundary', 'class'] }))).toBe(
      'Exploratory: the escape boundary, finding class differ from the primary analysis',
    );
  });
});
