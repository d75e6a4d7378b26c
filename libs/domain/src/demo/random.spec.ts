import { Random } from './random';

function draws(random: Random, count: number): number[] {
  return Array.from({ length: count }, () => random.uint32());
}

describe(Random.name, () => {
  it('repeats the same sequence for the same seed and stream', () => {
    expect(draws(new Random(42), 20)).toEqual(draws(new Random(42), 20));
    expect(draws(new Random(42, 3), 20)).toEqual(draws(new Random(42, 3), 20));
  });

  it('starts unrelated sequences for neighbouring seeds and for other streams', () => {
    const sut = draws(new Random(1), 20);
    expect(draws(new Random(2), 20)).not.toEqual(sut);
    expect(draws(new Random(1, 1), 20)).not.toEqual(sut);
  });

  it('draws uniformly from [0, 1)', () => {
    const sut = new Random(7);
    const values = Array.from({ length: 20_000 }, () => sut.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeCloseTo(0.5, 1);
    const lowest = values.filter((value) => value < 0.1).length / values.length;
    expect(lowest).toBeGreaterThan(0.09);
    expect(lowest).toBeLessThan(0.11);
  });

  it('includes both bounds of int and nothing outside them', () => {
    const sut = new Random(3);
    const seen = new Set(Array.from({ length: 2000 }, () => sut.int(-2, 2)));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2]);
  });

  it('picks indexes in proportion to their weights and never a zero weight', () => {
    const sut = new Random(11);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[sut.weightedIndex([1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
  });

  it('refuses to choose from nothing', () => {
    const sut = new Random(1);
    expect(() => sut.pick([])).toThrow(RangeError);
    expect(() => sut.weightedIndex([0, 0])).toThrow(RangeError);
  });
});
