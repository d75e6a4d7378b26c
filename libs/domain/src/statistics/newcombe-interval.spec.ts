import { newcombeDifferenceInterval } from './newcombe-interval';

describe(newcombeDifferenceInterval.name, () => {
  const sut = newcombeDifferenceInterval;

  // Newcombe RG (1998), "Interval estimation for the difference between independent proportions: comparison
  // of eleven methods", Statistics in Medicine 17:873–890, Table II, method 10 (score, no continuity
  // correction). The table prints 4 decimals, so the check is that each limit rounds to the printed value.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('Newcombe 1998 Table II: %i/%i − %i/%i → (%d, %d)', (x1, n1, x2, n2, low, high) => {
    const result = sut(x1, n1, x2, n2);
    expect(result.low).toBeCloseTo(low, 4);
    expect(result.high).toBeCloseTo(high, 4);
  });

  it('matches Fagerland, Lydersen & Laake (2017), Statistical Analysis of Contingency Tables, ch. 4 (Perondi et al. 2004: 7/34 vs 1/34)', () => {
    const result = sut(7, 34, 1, 34);
    expect(result.estimate).toBeCloseTo(0.1765, 4);
    expect(result.low).toBeCloseTo(0.0189, 4);
    expect(result.high).toBeCloseTo(0.3404, 4);
  });

  it('agrees to 1e-12 with an independent computation (Python, from the formula, with z = 1.959963984540054)', () => {
    const result = sut(56, 70, 48, 80);
    expect(result.estimate).toBeCloseTo(0.2, 12);
    expect(result.low).toBeCloseTo(0.05243147240236498, 12);
    expect(result.high).toBeCloseTo(0.333872654036906, 12);
    const small = sut(5, 56, 0, 29);
    expect(small.low).toBeCloseTo(-0.03813714790353691, 12);
    expect(small.high).toBeCloseTo(0.19256001385511162, 12);
  });

  it('contains the estimate, stays within [−1, 1], and mirrors when the groups swap', () => {
    const forward = sut(3, 17, 11, 23);
    const backward = sut(11, 23, 3, 17);
    expect(forward.low).toBeLessThanOrEqual(forward.estimate);
    expect(forward.high).toBeGreaterThanOrEqual(forward.estimate);
    expect(backward.low).toBeCloseTo(-forward.high, 15);
    expect(backward.high).toBeCloseTo(-forward.low, 15);
    expect(sut(0, 1, 1, 1).low).toBeGreaterThanOrEqual(-1);
  });

  it('rejects empty groups and impossible counts', () => {
    expect(() => sut(0, 0, 1, 2)).toThrow(RangeError);
    expect(() => sut(3, 2, 1, 2)).toThrow(RangeError);
    expect(() => sut(1.5, 2, 1, 2)).toThrow(RangeError);
  });
});
