import { adoptionVerdict, type AdoptionVerdictInput } from './adoption-verdict';
import type { VerdictFinding, VerdictSettings } from './verdict-input';

const SETTINGS: VerdictSettings = { primaryClass: 'design', boundary: 'ci', classes: ['design'], minimalImportantDifference: 0.1, minWindowDays: 7 };
const START = '2025-06-01';

/** `total` design findings of a unit introduced on `day`, `escaped` of them first detected in ci a day later. */
function findings(unit: string, day: string, total: number, escaped: number, findingClass = 'design'): VerdictFinding[] {
  const detected = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return Array.from({ length: total }, (_, i) => ({
    unit, team: unit, findingClass, cohortDate: day, cohortDateIsFallback: false, firstDetectedAt: detected, firstStage: i < escaped ? 'ci' : 'code_review',
  }));
}
/** One unit: `before` escaped of `total` introduced in mid-May, `after` escaped of `total` in mid-June. */
const unit = (name: string, before: number, after: number, total = 10, findingClass = 'design') => [...findings(name, '2025-05-15', total, before, findingClass), ...findings(name, '2025-06-15', total, after, findingClass)];
const input = (all: VerdictFinding[], adopters: string[], settings: Partial<VerdictSettings> = {}): AdoptionVerdictInput => ({
  findings: all,
  adoptions: [{ id: 'x', units: adopters, startedAt: START }],
  settings: { ...SETTINGS, ...settings },
  horizon: { kind: 'days', days: 10 },
  now: '2025-12-31',
});

describe(adoptionVerdict.name, () => {
  const sut = adoptionVerdict;

  it('enumerates the relabellings of 4 units by hand, and does not test when no relabelling could reach alpha', () => {
    // Changes after − before: a1 −0.4, a2 −0.3, c1 0, c2 −0.1 (10 findings per window each). For adopters S the
    // pooled DiD is Σ_S + 0.4: {a1,a2} −0.3 (observed), {c1,c2} +0.3, the other four 0, −0.1, +0.1, 0 → p = 2/6.
    const result = sut(input([...unit('a1', 5, 1), ...unit('a2', 5, 2), ...unit('c1', 5, 5), ...unit('c2', 5, 4)], ['a1', 'a2']));
    const design = result.classes[0];
    expect(design.estimate).toBeCloseTo(-0.3, 12);
    expect(design.pValue).toBeCloseTo(2 / 6, 12);
    expect(design.randomisation).toMatchObject({ method: 'exact', assignments: 6, smallestPossiblePValue: 1 / 6 });
    expect(design.units).toEqual({ adopting: 2, control: 2 });
    expect(design.verdict.code).toBe('too-little-data');
    expect(design.verdict.words).toContain('not tested');
    expect(design.adoptersOwnChange!.estimate).toBeCloseTo(-0.35, 12);
    expect(result.horizon.horizonDays).toBe(10);
  });

  it('says "no control" when no unit without the practice has findings', () => {
    const result = sut(input([...unit('a1', 5, 1), ...unit('a2', 5, 2)], ['a1', 'a2']));
    expect(result.classes[0].verdict.code).toBe('no-control');
    expect(result.classes[0].verdict.words).toContain('organisation-wide trend');
  });

  it('calls a large fall "likely real" when it beats every relabelling of enough units', () => {
    const adopters = ['a1', 'a2', 'a3', 'a4'];
    const all = [
      ...adopters.flatMap((a) => unit(a, 12, 2, 20)),
      ...unit('c1', 10, 10, 20), ...unit('c2', 10, 8, 20), ...unit('c3', 10, 12, 20), ...unit('c4', 8, 8, 20), ...unit('c5', 12, 10, 20), ...unit('c6', 10, 10, 20),
    ];
    const result = sut(input(all, adopters));
    const design = result.classes[0];
    // C(10, 4) = 210 relabellings; the observed one is the most extreme, alone.
    expect(design.randomisation!.assignments).toBe(210);
    expect(design.pValue).toBeCloseTo(1 / 210, 12);
    // Adopters 48/80 → 8/80 (−0.5); controls 60/120 → 58/120.
    expect(design.estimate).toBeCloseTo(-0.5 + 2 / 120, 12);
    expect(design.verdict.code).toBe('likely-real');
    expect(design.verdict.words).toContain('fell');
    expect(design.interval!.high).toBeLessThan(0);
  });

  it('calls a precisely measured null "no important change", judged against the minimal important difference', () => {
    const adopters = ['a1', 'a2', 'a3', 'a4'];
    const all = [...adopters.flatMap((a, i) => unit(a, 300 + i, 300 - i, 1000)), ...['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].flatMap((c, i) => unit(c, 300, 300 + (i % 3) - 1, 1000))];
    const near = sut(input(all, adopters));
    expect(near.classes[0].verdict.code).toBe('no-important-change');
    expect(near.classes[0].powerAtMinimalImportantDifference).toBeGreaterThan(0.99);
    // The same data with a minimal important difference of 0.5 point cannot rule such a change out.
    expect(sut(input(all, adopters, { minimalImportantDifference: 0.005 })).classes[0].verdict.code).toBe('too-little-data');
  });

  it('warns when the adopters were already moving differently before adoption', () => {
    // Quarterly cohorts around 2025-06-01: adopters' escapes rise 2, 6, 10, 14 of 20 before and stay at 14 after;
    // controls stay at 10 of 20. Pre-period DiDs against the last quarter before: −0.6, −0.4, −0.2.
    const start = Date.parse(`${START}T00:00:00Z`);
    const dayOf = (quarter: number) => new Date(start + quarter * 91 * 86_400_000).toISOString().slice(0, 10);
    const adopters = ['a1', 'a2', 'a3', 'a4'];
    const series = (name: string, escaped: number[]) => escaped.flatMap((e, i) => findings(name, dayOf(i - 4), 20, e));
    const all = [...adopters.flatMap((a) => series(a, [2, 6, 10, 14, 14, 14, 14, 14])), ...['c1', 'c2', 'c3', 'c4', 'c5', 'c6'].flatMap((c) => series(c, [10, 10, 10, 10, 10, 10, 10, 10]))];
    const result = sut({ ...input(all, adopters), now: '2027-01-01' });
    const design = result.classes[0];
    expect(design.eventStudy.filter((p) => p.quarter < -1).map((p) => p.estimate)).toEqual([expect.closeTo(-0.6, 12), expect.closeTo(-0.4, 12), expect.closeTo(-0.2, 12)]);
    expect(design.eventStudy.filter((p) => p.quarter >= 0).map((p) => p.estimate)).toEqual([0, 0, 0, 0]);
    // The observed labelling has by far the largest pre-period drift of the C(10, 4) = 210.
    expect(design.preTrend.pValue).toBeCloseTo(1 / 210, 12);
    expect(design.preTrend.differs).toBe(true);
    expect(design.verdict.words).toContain('already moved differently');
  });

  it('Holm-adjusts across classes, shows the primary class first, and runs the detection-date sensitivity', () => {
    const adopters = ['a1', 'a2', 'a3', 'a4'];
    const controls = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
    const all = [
      ...adopters.flatMap((a) => [...unit(a, 12, 2, 20), ...unit(a, 5, 5, 20, 'pattern')]),
      ...controls.flatMap((c, i) => [...unit(c, 10, 10 + (i % 3) - 1, 20), ...unit(c, 5, 5 + (i % 2), 20, 'pattern')]),
    ];
    const result = sut({ ...input(all, adopters), settings: { ...SETTINGS, classes: ['pattern', 'design'] } });
    expect(result.classes.map((c) => c.findingClass)).toEqual(['design', 'pattern']);
    const [design, pattern] = result.classes;
    expect(design.adjustedPValue).toBeCloseTo(Math.min(1, 2 * design.pValue!), 12);
    expect(pattern.adjustedPValue).toBeGreaterThanOrEqual(design.adjustedPValue!);
    expect(design.sensitivity).not.toBeNull();
    expect(design.fallbackShare).toBe(0);
  });

  describe('retirement', () => {
    // a1 and a2: 10 findings (5 escaped) 3 days before the start; after it a1 has 1 of 10 on 06-03 and 10 of
    // 10 on 06-12, a2 5 of 10 on both days. c1 controls, with one early finding so the data start on 04-01.
    const data = [
      ...findings('a1', '2025-05-28', 10, 5), ...findings('a1', '2025-06-03', 10, 1), ...findings('a1', '2025-06-12', 10, 10),
      ...findings('a2', '2025-05-28', 10, 5), ...findings('a2', '2025-06-03', 10, 5), ...findings('a2', '2025-06-12', 10, 5),
      ...findings('c1', '2025-04-01', 1, 0), ...findings('c1', '2025-05-28', 10, 5), ...findings('c1', '2025-06-03', 10, 5),
    ];
    const run = (adoptions: AdoptionVerdictInput['adoptions']) => sut({ ...input(data, []), adoptions, settings: { ...SETTINGS, exactLimit: 0, draws: 50 } }).classes[0];

    it('ends a single adoption’s after-window at the retirement, and its before-window as long', () => {
      // Alone, a1 is compared with c1 and a2 (which has not adopted in this analysis).
      // Running: 61-day windows (04-01 to 06-01, 06-01 to 07-31); retired on 06-08: 7-day windows.
      expect(run([{ id: 'x', units: ['a1'], startedAt: START }]).counts!.treated).toEqual({ before: { escaped: 5, total: 10 }, after: { escaped: 11, total: 20 } });
      const retired = run([{ id: 'x', units: ['a1'], startedAt: START, retiredAt: '2025-06-08' }]);
      expect(retired.counts).toEqual({ treated: { before: { escaped: 5, total: 10 }, after: { escaped: 1, total: 10 } }, control: { before: { escaped: 10, total: 20 }, after: { escaped: 10, total: 20 } } });
      expect(retired.estimate).toBeCloseTo(0.1 - 0.5 - 0, 12);
    });

    it('ends only the retired adoption’s after-window when a practice is pooled', () => {
      const running = run([{ id: 'x', units: ['a1'], startedAt: START }, { id: 'y', units: ['a2'], startedAt: START }]);
      expect(running.counts!.treated.after).toEqual({ escaped: 21, total: 40 });
      const pooled = run([{ id: 'x', units: ['a1'], startedAt: START, retiredAt: '2025-06-08' }, { id: 'y', units: ['a2'], startedAt: START }]);
      // a1's 7-day after-window (1 of 10) and a2's 61-day one (10 of 20).
      expect(pooled.counts!.treated).toEqual({ before: { escaped: 10, total: 20 }, after: { escaped: 11, total: 30 } });
      expect(pooled.units.adopting).toBe(2);
    });
  });

  it('analyses every finding together when the class fixed is "all"', () => {
    const all = [...unit('a1', 5, 1), ...unit('a1', 5, 5, 10, 'pattern'), ...unit('c1', 5, 5), ...unit('c1', 5, 5, 10, 'pattern')];
    const result = sut(input(all, ['a1'], { primaryClass: 'all', classes: ['all', 'design', 'pattern'] }));
    expect(result.classes.map((c) => c.findingClass)).toEqual(['all', 'design', 'pattern']);
    expect(result.classes[0].counts!.treated).toEqual({ before: { escaped: 10, total: 20 }, after: { escaped: 6, total: 20 } });
    expect(result.classes[0].estimate).toBeCloseTo(0.3 - 0.5, 12);
  });
});
