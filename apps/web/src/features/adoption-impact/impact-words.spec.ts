import { comparisonFixture } from './impact-fixture';
import {
  differenceInDifferencesWords,
  differenceWords,
  formatPoints,
  formatPValue,
  pValueWords,
  testName,
  testReason,
  verdictExplanation,
} from './impact-words';

describe(formatPoints.name, () => {
  it('signs differences in percentage points', () => {
    expect(formatPoints(-0.12)).toBe('−12.0 points');
    expect(formatPoints(0.01)).toBe('+1.0 point');
    expect(formatPoints(0.00001)).toBe('0 points');
  });
});

describe(formatPValue.name, () => {
  it('writes small p-values as a bound', () => {
    expect(formatPValue(0.0004)).toBe('p < 0.001');
    expect(formatPValue(0.0456)).toBe('p = 0.046');
    expect(formatPValue(0.512)).toBe('p = 0.51');
  });
});

describe(pValueWords.name, () => {
  it('reads the p-value as a frequency under "no change"', () => {
    expect(pValueWords(0.0455)).toBe('If the practice had changed nothing, a difference at least this large would turn up about 5 times in 100.');
    expect(pValueWords(0.002)).toContain('less than once in 100 comparisons');
  });
});

describe(testName.name, () => {
  it('names the test and why it was chosen', () => {
    expect(testName({ test: 'fisher' })).toBe("Fisher's exact test");
    expect(testReason({ test: 'fisher', smallestExpectedCount: 2.4 })).toBe('used because an expected count was below 5 (smallest 2.4)');
    expect(testName({ test: 'z' })).toBe('two-proportion z-test');
  });
});

describe(verdictExplanation.name, () => {
  it('explains an underpowered comparison with its minimum detectable difference', () => {
    expect(verdictExplanation(comparisonFixture())).toBe(
      'Too few findings to tell: the chance of detecting a change this size is 52%, below 80%. With these counts only a fall of at least 17.0 points or a rise of at least 19.0 points would be detected 80% of the time. This is not evidence that the practice had no effect.',
    );
  });

  it('says why a likely real difference is believed', () => {
    const sut = verdictExplanation(comparisonFixture({ verdict: 'likely real', pValue: 0.0021, power: 0.86, underpowered: false }));
    expect(sut).toBe('The difference is unlikely under "no change" (p = 0.002) and there are enough findings to detect a change of this size (power 86%).');
  });
});

describe(differenceWords.name, () => {
  it('gives the change with its interval', () => {
    expect(differenceWords(comparisonFixture())).toBe('−12.0 points (95% interval −23.7 to +0.2 points)');
    expect(differenceWords(comparisonFixture({ difference: null }))).toBeNull();
  });
});

describe(differenceInDifferencesWords.name, () => {
  it('gives the estimate, interval, p-value and the adjusted method when used', () => {
    const did = { estimate: -0.08, centre: -0.08, low: -0.15, high: -0.01, standardError: 0.036, z: -2.2, pValue: 0.028, method: 'wald' as const };
    expect(differenceInDifferencesWords(did)).toBe('−8.0 points (95% interval −15.0 to −1.0 point), p = 0.028');
    expect(differenceInDifferencesWords({ ...did, method: 'adjusted-wald' })).toContain('Price & Bonett');
  });
});
