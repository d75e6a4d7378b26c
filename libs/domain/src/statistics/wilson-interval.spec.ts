import { wilsonInterval } from './wilson-interval';

describe(wilsonInterval.name, () => {
  it('matches Newcombe (1998) worked examples to 1e-4', () => {
    // Newcombe, Statistics in Medicine 17:857-872, Table I, method 3 (score without continuity correction).
    const sut = wilsonInterval;
    expect(sut(81, 263).low).toBeCloseTo(0.2553, 4);
    expect(sut(81, 263).high).toBeCloseTo(0.3662, 4);
    expect(sut(15, 148).low).toBeCloseTo(0.0624, 4);
    expect(sut(15, 148).high).toBeCloseTo(0.1605, 4);
    expect(sut(0, 20).low).toBe(0);
    expect(sut(0, 20).high).toBeCloseTo(0.1611, 4);
    expect(sut(1, 29).low).toBeCloseTo(0.0061, 4);
    expect(sut(1, 29).high).toBeCloseTo(0.1718, 4);
  });

  it('is the whole unit interval when there is no data', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
  });
});
