import type { DetectionStage } from '../model/detection-stage';
import { dayNumber, followUpHorizon, horizonFromObservations, horizonObservations, isoDay } from './follow-up-horizon';
import type { VerdictFinding } from './verdict-input';

const NOW = '2026-01-01';
const finding = (introducedDaysAgo: number, delay: number, stage: DetectionStage, fallback = false): VerdictFinding => ({
  unit: 'svc',
  team: null,
  findingClass: 'design',
  cohortDate: isoDay(dayNumber(NOW) - introducedDaysAgo),
  cohortDateIsFallback: fallback,
  firstDetectedAt: isoDay(dayNumber(NOW) - introducedDaysAgo + delay),
  firstStage: stage,
});

// An old cohort (a year of follow-up): escapes past ci at 10, 20, …, 100 days, and ten findings stopped in
// code review. A recent cohort (30 days of follow-up): one escape at 10 days and one stopped finding.
const FINDINGS = [
  ...Array.from({ length: 10 }, (_, i) => finding(365, 10 * (i + 1), 'production')),
  ...Array.from({ length: 10 }, () => finding(365, 2, 'code_review')),
  finding(30, 10, 'ci'),
  finding(30, 3, 'code_review'),
];

describe(followUpHorizon.name, () => {
  const sut = followUpHorizon;

  it('takes the 90th percentile of the escape delay from Kaplan–Meier, with recent findings censored at today', () => {
    // By hand: at 10 days 2 of 22 escape, then one each at 20 and 30 (Ŝ(30) = 18/22); the recent stopped finding
    // leaves the risk set at 30 days, so 17 remain; Ŝ(100) = (18/22)·(10/17): 51.9% escape eventually, and F(t)
    // first reaches 0.9 of that at 90 days (Ŝ(90) = (18/22)·(11/17)).
    const result = sut(FINDINGS, 'ci', { kind: 'quantile', quantile: 0.9 }, NOW);
    const eventual = 1 - (18 / 22) * (10 / 17);
    expect(result.eventualEscapeShare).toBeCloseTo(eventual, 12);
    expect(result.horizonDays).toBe(90);
    expect(result.estimated).toBe(true);
    expect(result.shareAfterHorizon).toBeCloseTo(1 - (1 - (18 / 22) * (11 / 17)) / eventual, 12);
    expect(result.findings).toBe(22);
    expect(result.escapes).toBe(11);
    expect(result.words).toContain('H = 90 days');
  });

  it('depends on the boundary: past production only the old cohort escapes', () => {
    // Ŝ(30) = 19/22, two recent findings censored at 30, 18 at risk; Ŝ(100) = (19/22)·(11/18); half of the
    // eventual 47.2% is first reached at 60 days (Ŝ(50) = 0.768 > 0.764 ≥ Ŝ(60) = 0.720).
    const result = sut(FINDINGS, 'production', { kind: 'quantile', quantile: 0.5 }, NOW);
    expect(result.escapes).toBe(10);
    expect(result.horizonDays).toBe(60);
  });

  it('leaves fallback-dated findings out (their delay is 0 by construction)', () => {
    const result = sut([...FINDINGS, ...Array.from({ length: 50 }, () => finding(200, 0, 'production', true))], 'ci', { kind: 'quantile', quantile: 0.9 }, NOW);
    expect(result.horizonDays).toBe(90);
    expect(result.findings).toBe(22);
  });

  it('takes a fixed number of days when the rule says so, and still reports the share it misses', () => {
    const result = sut(FINDINGS, 'ci', { kind: 'days', days: 50 }, NOW);
    expect(result.horizonDays).toBe(50);
    expect(result.estimated).toBe(false);
    const eventual = 1 - (18 / 22) * (10 / 17);
    expect(result.shareAfterHorizon).toBeCloseTo(1 - (1 - (18 / 22) * (15 / 17)) / eventual, 12);
  });

  it('falls back to a stated default when there is no dated escape', () => {
    const result = sut([finding(100, 1, 'design')], 'ci', { kind: 'quantile', quantile: 0.9 }, NOW);
    expect(result.estimated).toBe(false);
    expect(result.horizonDays).toBe(182);
    expect(result.words).toContain('could not be estimated');
  });

  it('gives the same horizon from the observations grouped by time and event, as a database groups them', () => {
    const grouped = new Map<string, { time: number; event: boolean; count: number }>();
    for (const o of horizonObservations(FINDINGS, 'ci', NOW)) {
      const key = `${o.time}/${o.event}`;
      const known = grouped.get(key) ?? { time: o.time, event: o.event, count: 0 };
      known.count += o.count ?? 1;
      grouped.set(key, known);
    }
    expect(grouped.size).toBeLessThan(FINDINGS.length);
    for (const rule of [{ kind: 'quantile', quantile: 0.9 }, { kind: 'days', days: 30 }] as const) {
      expect(horizonFromObservations([...grouped.values()].reverse(), 'ci', rule)).toEqual(sut(FINDINGS, 'ci', rule, NOW));
    }
  });
});
