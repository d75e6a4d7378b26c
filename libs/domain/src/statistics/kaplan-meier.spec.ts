import { kaplanMeier, survivalAt, survivalQuantile } from './kaplan-meier';

// Freireich et al. (1963) 6-MP remission data, as tabulated in Kleinbaum & Klein, Survival Analysis: A
// Self-Learning Text (3rd ed., ch. 2) and Collett, Modelling Survival Data in Medical Research (§2.1).
const SIX_MP = [
  ...[6, 6, 6, 7, 10, 13, 16, 22, 23].map((time) => ({ time, event: true })),
  ...[6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35].map((time) => ({ time, event: false })),
];
const PLACEBO = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23].map((time) => ({ time, event: true }));

describe(kaplanMeier.name, () => {
  const sut = kaplanMeier;

  it('reproduces the textbook 6-MP table: risk sets, events and Ŝ(t) at every event time', () => {
    const curve = sut(SIX_MP);
    // Kleinbaum & Klein print 0.8571, 0.8067, 0.7529, 0.6902, 0.6275, 0.5378, 0.4482.
    expect(curve.steps.map((s) => [s.time, s.atRisk, s.events])).toEqual([
      [6, 21, 3],
      [7, 17, 1],
      [10, 15, 1],
      [13, 12, 1],
      [16, 11, 1],
      [22, 7, 1],
      [23, 6, 1],
    ]);
    const expected = [18 / 21, (18 / 21) * (16 / 17)];
    expect(curve.steps[0].survival).toBeCloseTo(expected[0], 12);
    expect(curve.steps[1].survival).toBeCloseTo(expected[1], 12);
    expect(curve.steps.map((s) => Number(s.survival.toFixed(4)))).toEqual([0.8571, 0.8067, 0.7529, 0.6902, 0.6275, 0.5378, 0.4482]);
    expect(curve.events).toBe(9);
    expect(curve.maxTime).toBe(35);
  });

  it("gives Greenwood's standard error as Collett prints it (0.0764 at t = 6, 0.1346 at t = 23)", () => {
    const curve = sut(SIX_MP);
    expect(curve.steps[0].standardError).toBeCloseTo((18 / 21) * Math.sqrt(3 / (21 * 18)), 12);
    expect(curve.steps[0].standardError).toBeCloseTo(0.0764, 4);
    expect(curve.steps[6].standardError).toBeCloseTo(0.1346, 4);
  });

  it('has the textbook medians: 23 weeks on 6-MP, 8 weeks on placebo', () => {
    expect(survivalQuantile(sut(SIX_MP), 0.5)).toBe(23);
    expect(survivalQuantile(sut(PLACEBO), 0.5)).toBe(8);
  });

  it('with no censoring is the empirical survival function', () => {
    const curve = sut(PLACEBO);
    expect(survivalAt(curve, 0.5)).toBe(1);
    expect(survivalAt(curve, 8)).toBeCloseTo(8 / 21, 12);
    expect(survivalAt(curve, 23)).toBe(0);
  });

  it('returns null for a quantile the curve never reaches', () => {
    expect(survivalQuantile(sut(SIX_MP), 0.9)).toBeNull();
  });

  it('takes counts of identical subjects as the same as repeating them', () => {
    const expanded = sut(SIX_MP);
    const weighted = sut([
      { time: 6, event: true, count: 3 }, { time: 7, event: true }, { time: 10, event: true }, { time: 13, event: true }, { time: 16, event: true },
      { time: 22, event: true }, { time: 23, event: true }, { time: 6, event: false }, { time: 9, event: false }, { time: 10, event: false },
      { time: 11, event: false }, { time: 17, event: false }, { time: 19, event: false }, { time: 20, event: false }, { time: 25, event: false },
      { time: 32, event: false, count: 2 }, { time: 34, event: false }, { time: 35, event: false },
    ]);
    expect(weighted).toEqual(expanded);
  });

  it('rejects negative or infinite times', () => {
    expect(() => sut([{ time: -1, event: true }])).toThrow(RangeError);
    expect(() => sut([{ time: Infinity, event: false }])).toThrow(RangeError);
  });
});
