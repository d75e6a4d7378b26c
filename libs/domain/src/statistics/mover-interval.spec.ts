import { newcombeDifferenceInterval } from './newcombe-interval';
import { invertedPValue, moverDifferenceInDifferences, moverLinearCombination } from './mover-interval';
import { normalQuantile } from './special-functions';
import { wilsonInterval } from './wilson-interval';

const term = (coefficient: number, x: number, n: number) => ({ coefficient, estimate: x / n, ...wilsonInterval(x, n) });

describe(moverLinearCombination.name, () => {
  const sut = moverLinearCombination;

  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [10, 10, 0, 20, 0.6791, 1],
  ])('with two Wilson terms is Newcombe 1998 Table II method 10: %i/%i − %i/%i → (%d, %d)', (x1, n1, x2, n2, low, high) => {
    const result = sut([term(1, x1, n1), term(-1, x2, n2)]);
    expect(result.low).toBeCloseTo(low, 4);
    expect(result.high).toBeCloseTo(high, 4);
  });

  it('takes each term from the side it pushes the sum to (negative coefficients swap the limits)', () => {
    const result = sut([{ coefficient: -2, estimate: 0.5, low: 0.4, high: 0.7 }]);
    expect(result.estimate).toBe(-1);
    expect(result.low).toBeCloseTo(-1.4, 12);
    expect(result.high).toBeCloseTo(-0.8, 12);
  });
});

describe(moverDifferenceInDifferences.name, () => {
  const sut = moverDifferenceInDifferences;

  it("0/4 → 3/3 is not certain: the interval is wider than the adopters' own Newcombe interval on both sides", () => {
    // The case of issue 11, where the Wald interval gave [0.87, 1.24]. Control 6/20 → 5/20.
    const adopters = newcombeDifferenceInterval(3, 3, 0, 4);
    const result = sut({ before: { escaped: 0, total: 4 }, after: { escaped: 3, total: 3 } }, { before: { escaped: 6, total: 20 }, after: { escaped: 5, total: 20 } })!;
    expect(result.estimate).toBeCloseTo(1.05, 12);
    expect(result.low).toBeLessThan(adopters.low - (adopters.estimate - result.estimate));
    expect(result.high - result.estimate).toBeGreaterThan(adopters.high - adopters.estimate);
    // Independent computation (Python, Wilson limits and the MOVER formula, z = 1.959963984540054):
    expect(result.low).toBeCloseTo(0.25817975269836235, 12);
    expect(result.high).toBeCloseTo(1.3089040067586248, 12);
    expect(result.low).toBeLessThan(0.87);
  });

  it('agrees with an independent computation on moderate counts, close to the Wald interval there', () => {
    const result = sut({ before: { escaped: 40, total: 100 }, after: { escaped: 20, total: 100 } }, { before: { escaped: 38, total: 100 }, after: { escaped: 33, total: 100 } })!;
    expect(result.estimate).toBeCloseTo(-0.15, 12);
    expect(result.low).toBeCloseTo(-0.32710835206008815, 12);
    expect(result.high).toBeCloseTo(0.031112469193554537, 12);
  });

  it('is null when a group is empty', () => {
    expect(sut({ before: { escaped: 0, total: 0 }, after: { escaped: 1, total: 3 } }, { before: { escaped: 1, total: 3 }, after: { escaped: 1, total: 3 } })).toBeNull();
  });
});

describe(invertedPValue.name, () => {
  const sut = invertedPValue;

  it('is the level at which the interval just touches 0', () => {
    const counts = [{ before: { escaped: 40, total: 100 }, after: { escaped: 20, total: 100 } }, { before: { escaped: 38, total: 100 }, after: { escaped: 33, total: 100 } }] as const;
    const p = sut((z) => moverDifferenceInDifferences(counts[0], counts[1], z)!);
    expect(p).toBeGreaterThan(0.05);
    expect(p).toBeLessThan(0.2);
    const atP = moverDifferenceInDifferences(counts[0], counts[1], normalQuantile(1 - p / 2))!;
    expect(atP.high).toBeCloseTo(0, 8);
  });

  it('is 1 for a zero estimate', () => {
    expect(sut(() => ({ estimate: 0, low: -0.1, high: 0.1 }))).toBe(1);
  });
});
