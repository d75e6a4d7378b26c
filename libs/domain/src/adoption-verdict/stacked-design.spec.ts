import { moverDifferenceInDifferences } from '../statistics/mover-interval';
import { dayNumber, isoDay } from './follow-up-horizon';
import { eventStudy, preTrendStatistic, stackedEstimate, UnitPanel, type StackedDesign } from './stacked-design';
import type { CohortCount } from './verdict-input';

const BASE = dayNumber('2025-01-01');
const cell = (unit: string, day: number, total: number, escaped: number): CohortCount => ({ unit, findingClass: 'design', cohortDate: isoDay(BASE + day), total, escaped, fallback: 0 });

// a adopts on day 100, b on day 200, c never; 30-day windows.
const COUNTS = [
  cell('a', 80, 10, 4), cell('a', 110, 10, 2),
  cell('b', 80, 10, 5), cell('b', 110, 10, 5), cell('b', 180, 10, 6), cell('b', 210, 10, 3),
  cell('c', 80, 10, 3), cell('c', 110, 10, 3), cell('c', 180, 10, 2), cell('c', 210, 10, 2),
];
const design = (bStart = 200, aEnd = Infinity): StackedDesign => ({
  units: ['a', 'b', 'c'],
  profiles: [{ start: BASE + 100, end: BASE + aEnd }, { start: BASE + bStart, end: Infinity }],
  labels: Int32Array.from([0, 1, -1]),
  firstDay: BASE,
  dataEnd: BASE + 400,
  windowDays: 30,
  minWindowDays: 7,
});

describe(UnitPanel.name, () => {
  it('sums any window of cohort days from prefix sums, clipped to the data', () => {
    const sut = new UnitPanel(COUNTS, 'design', ['a', 'b', 'c'], BASE, BASE + 400);
    expect(sut.window(1, BASE + 80, BASE + 181)).toEqual({ total: 30, escaped: 16, fallback: 0 });
    expect(sut.window(1, BASE - 50, BASE + 80)).toEqual({ total: 0, escaped: 0, fallback: 0 });
    expect(sut.window(0, BASE, BASE + 1000)).toEqual({ total: 20, escaped: 6, fallback: 0 });
  });

  it('rejects counts that are not whole, or more escapes than findings', () => {
    expect(() => new UnitPanel([cell('a', 1, 2.5, 1)], 'design', ['a'], BASE, BASE + 10)).toThrow(RangeError);
    expect(() => new UnitPanel([cell('a', 1, 2, 3)], 'design', ['a'], BASE, BASE + 10)).toThrow(RangeError);
  });
});

describe(stackedEstimate.name, () => {
  const panel = new UnitPanel(COUNTS, 'design', ['a', 'b', 'c'], BASE, BASE + 400);

  it('compares each adoption with units not yet or never adopting, and averages weighted by the adopters\' findings', () => {
    // Event a (days 70–130): a 4/10 → 2/10 (−0.2); controls b + c 8/20 → 8/20 (0). DiD −0.2, weight 20.
    // Event b (days 170–230): b 6/10 → 3/10 (−0.3); control c only (a adopted already) 2/10 → 2/10. DiD −0.3, weight 20.
    const sut = stackedEstimate(panel, design())!;
    expect(sut.estimate).toBeCloseTo(-0.25, 15);
    expect(sut.events).toBe(2);
    expect(sut.adoptingUnits).toBe(2);
    expect(sut.controlUnits).toBe(2);
    expect(sut.treated).toEqual({ before: { escaped: 10, total: 20 }, after: { escaped: 5, total: 20 } });
    expect(sut.control).toEqual({ before: { escaped: 10, total: 30 }, after: { escaped: 10, total: 30 } });
    expect(sut.mover.low).toBeLessThan(-0.25);
    expect(sut.mover.high).toBeGreaterThan(-0.25);
  });

  it('never uses a unit that adopts within the window as a control', () => {
    // b adopts on day 120, inside event a's after-window: event a's control is c alone, 3/10 → 3/10. Event b
    // (days 90–150) has no findings of b after day 120, so it drops out.
    const sut = stackedEstimate(panel, design(120))!;
    expect(sut.estimate).toBeCloseTo(-0.2, 15);
    expect(sut.events).toBe(1);
    expect(sut.controlUnits).toBe(1);
    expect(sut.control).toEqual({ before: { escaped: 3, total: 10 }, after: { escaped: 3, total: 10 } });
  });

  it('with one adoption is the ordinary DiD with the MOVER interval of its four groups', () => {
    const single: StackedDesign = { ...design(), profiles: [design().profiles[0]], labels: Int32Array.from([0, -1, -1]) };
    const sut = stackedEstimate(panel, single)!;
    const expected = moverDifferenceInDifferences({ before: { escaped: 4, total: 10 }, after: { escaped: 2, total: 10 } }, { before: { escaped: 8, total: 20 }, after: { escaped: 8, total: 20 } })!;
    expect(sut.estimate).toBeCloseTo(expected.estimate, 15);
    expect(sut.mover.low).toBeCloseTo(expected.low, 15);
    expect(sut.mover.high).toBeCloseTo(expected.high, 15);
  });

  it('ends the after-window at a retirement (and shortens the before-window to match)', () => {
    const retiring = [...COUNTS, cell('a', 125, 10, 10)];
    const retiringPanel = new UnitPanel(retiring, 'design', ['a', 'b', 'c'], BASE, BASE + 400);
    const single = (end: number): StackedDesign => ({ ...design(200, end), profiles: [design(200, end).profiles[0]], labels: Int32Array.from([0, -1, -1]) });
    // Without retirement the day-125 cohort (10/10 escaped) is in a's after-window: 12/20 → DiD +0.2.
    expect(stackedEstimate(retiringPanel, single(Infinity))!.estimate).toBeCloseTo(0.6 - 0.4 - 0, 15);
    // Retired on day 120: windows of 20 days (80–100, 100–120): 4/10 → 2/10 as before.
    expect(stackedEstimate(retiringPanel, single(120))!.estimate).toBeCloseTo(-0.2, 15);
  });

  it('is null when no event has findings on all four sides', () => {
    const empty = new UnitPanel([], 'design', ['a', 'b', 'c'], BASE, BASE + 400);
    expect(stackedEstimate(empty, design())).toBeNull();
  });
});

describe(eventStudy.name, () => {
  it('gives per-quarter DiDs against the quarter before adoption, which is 0 by definition', () => {
    const base = dayNumber('2024-01-01');
    const q = (unit: string, quarter: number, total: number, escaped: number): CohortCount => ({ unit, findingClass: 'design', cohortDate: isoDay(base + 400 + quarter * 91), total, escaped, fallback: 0 });
    // Adopter a (day 400) and control c, quarters −2 … 1.
    const counts = [q('a', -2, 10, 5), q('a', -1, 10, 5), q('a', 0, 10, 2), q('a', 1, 10, 1), q('c', -2, 10, 3), q('c', -1, 10, 5), q('c', 0, 10, 5), q('c', 1, 10, 5)];
    const d: StackedDesign = { units: ['a', 'c'], profiles: [{ start: base + 400, end: Infinity }], labels: Int32Array.from([0, -1]), firstDay: base, dataEnd: base + 800, windowDays: 182, minWindowDays: 28 };
    const sut = eventStudy(new UnitPanel(counts, 'design', ['a', 'c'], base, base + 800), d);
    expect(sut.map((p) => p.quarter)).toEqual([-2, -1, 0, 1]);
    // Quarter −2: (0.5 − 0.5) − (0.3 − 0.5) = +0.2; quarter 0: (0.2 − 0.5) − 0 = −0.3; quarter 1: −0.4.
    expect(sut.map((p) => p.estimate)).toEqual([expect.closeTo(0.2, 15), 0, expect.closeTo(-0.3, 15), expect.closeTo(-0.4, 15)]);
    expect(sut[0].low!).toBeLessThan(0.2);
    expect(preTrendStatistic(sut)).toBeCloseTo(0.04, 15);
  });
});
