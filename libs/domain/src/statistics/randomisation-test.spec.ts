import { assignmentCount, enumerateAssignments, randomisationTest } from './randomisation-test';

// Difference of means between label-0 units and the rest: the hand-checkable statistic.
const meanDifference = (values: number[]) => (labels: Int32Array) => {
  const inGroup = values.filter((_, i) => labels[i] === 0);
  const rest = values.filter((_, i) => labels[i] !== 0);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return [mean(inGroup) - mean(rest)];
};

describe(randomisationTest.name, () => {
  const sut = randomisationTest;

  it('enumerated by hand: 4 units, 2 adopters, values 1, 2, 3, 10 → p = 2/6', () => {
    // Adopter pairs and mean differences: {0,1} −5, {0,2} −4, {0,3} 3, {1,2} −3, {1,3} 4, {2,3} 5 (observed).
    // |T| ≥ 5 for {0,1} and {2,3}: p = 2/6.
    const result = sut({ units: 4, groupSizes: [2] }, Int32Array.from([-1, -1, 0, 0]), meanDifference([1, 2, 3, 10]));
    expect(result.method).toBe('exact');
    expect(result.assignments).toBe(6);
    expect(result.evaluated).toBe(6);
    expect(result.statistics[0].observed).toBe(5);
    expect(result.statistics[0].pValue).toBeCloseTo(2 / 6, 15);
    expect(result.smallestPossiblePValue).toBeCloseTo(1 / 6, 15);
    expect(result.monteCarloError).toBe(0);
    // |T| sorted: 3 3 4 4 5 5; the 95th percentile is the 6th value.
    expect(result.statistics[0].absoluteQuantile95).toBe(5);
  });

  it('enumerated by hand: 3 units, two adoption dates (one unit each) → 6 assignments', () => {
    // Statistic: value of the label-0 unit minus the label-1 unit; values 0, 4, 1; observed 0→unit 1, 1→unit 0: T = 4.
    // Assignments (label-0 unit, label-1 unit): (0,1) −4, (0,2) −1, (1,0) 4, (1,2) 3, (2,0) 1, (2,1) −3 → p = 2/6.
    const values = [0, 4, 1];
    const statistic = (labels: Int32Array) => [values[labels.indexOf(0)] - values[labels.indexOf(1)]];
    const result = sut({ units: 3, groupSizes: [1, 1] }, Int32Array.from([1, 0, -1]), statistic);
    expect(result.assignments).toBe(6);
    expect(result.statistics[0].pValue).toBeCloseTo(2 / 6, 15);
  });

  it('leaves a statistic that is undefined under some labelling out of that entry only', () => {
    const result = sut({ units: 4, groupSizes: [2] }, Int32Array.from([-1, -1, 0, 0]), (labels) => [labels[0] === 0 ? null : 1, 2]);
    expect(result.statistics[0].pValue).toBe(1);
    expect(result.statistics[1].pValue).toBe(1);
  });

  it('samples with a seed when the design is too large to enumerate, and reports the Monte Carlo error', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    const observed = Int32Array.from(values.map((_, i) => (i >= 10 ? 0 : -1)));
    const result = sut({ units: 20, groupSizes: [10] }, observed, meanDifference(values), { draws: 2000, seed: 7 });
    expect(result.method).toBe('monte-carlo');
    expect(result.assignments).toBe(184_756);
    // The observed split is the most extreme there is (exact p = 2/184,756), so no draw beats it.
    expect(result.statistics[0].pValue).toBeCloseTo(1 / 2001, 15);
    expect(result.monteCarloError).toBeCloseTo(Math.sqrt((1 / 2001) * (2000 / 2001) / 2000), 15);
    expect(sut({ units: 20, groupSizes: [10] }, observed, meanDifference(values), { draws: 2000, seed: 7 })).toEqual(result);
  });

  it('Monte Carlo agrees with enumeration within its own error', () => {
    const exact = sut({ units: 4, groupSizes: [2] }, Int32Array.from([-1, -1, 0, 0]), meanDifference([1, 2, 3, 10]));
    const sampled = sut({ units: 4, groupSizes: [2] }, Int32Array.from([-1, -1, 0, 0]), meanDifference([1, 2, 3, 10]), { exactLimit: 1, draws: 20_000, seed: 3 });
    expect(Math.abs(sampled.statistics[0].pValue! - exact.statistics[0].pValue!)).toBeLessThan(4 * sampled.monteCarloError);
  });
});

describe(assignmentCount.name, () => {
  it('is the multinomial count, and enumeration yields exactly that many distinct labellings', () => {
    expect(assignmentCount({ units: 12, groupSizes: [2, 2, 2] })).toBe(66 * 45 * 28);
    const seen = new Set<string>();
    for (const labels of enumerateAssignments({ units: 5, groupSizes: [2, 1] })) seen.add(labels.join(','));
    expect(seen.size).toBe(30);
    expect(assignmentCount({ units: 5, groupSizes: [2, 1] })).toBe(30);
  });

  it('rejects designs with more adopters than units', () => {
    expect(() => assignmentCount({ units: 3, groupSizes: [2, 2] })).toThrow(RangeError);
  });
});
