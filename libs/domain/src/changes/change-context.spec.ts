import { CONTEXT_FLAGS, type ContextFlags } from '../api/changes';
import { periodStart } from '../metrics/periods';
import { clusterPermutationPValue, type ExposedCluster } from '../statistics/cluster-permutation-test';
import { hasFullContext } from './context-flags';
import { changeContext, coverageSeries, tallyChangeFindings, type ChangeContextOptions, type ChangeFindingTally, type ContextChange, type ContextChangeFinding } from './change-context';

const on = { value: true, source: 'declared' } as const;
const off = { value: false, source: 'declared' } as const;
const unknown = { value: null, source: null } as const;
const full: ContextFlags = { threatModelLinked: on, acceptanceCriteria: on, promptContext: on, reviewedAgainstModel: on };
const none: ContextFlags = { threatModelLinked: off, acceptanceCriteria: off, promptContext: off, reviewedAgainstModel: off };
const unsaid: ContextFlags = { threatModelLinked: unknown, acceptanceCriteria: unknown, promptContext: unknown, reviewedAgainstModel: unknown };

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const change = (id: string, teamId: string, date: string, flags: ContextFlags): ContextChange => ({ id, teamId, teamName: teamId, datedAt: day(date), flags });
const finding = (changeId: string, stage: ContextChangeFinding['stage'], detected: string, findingClass: ContextChangeFinding['findingClass'] = 'design'): ContextChangeFinding => ({
  changeId,
  findingClass,
  stage,
  detectedAt: day(detected),
  introducedAt: null,
});

/** The metric of changes and their individual findings, tallied by the reference. */
const ofFindings = (changes: readonly ContextChange[], findings: readonly ContextChangeFinding[], options: ChangeContextOptions) =>
  changeContext(changes, tallyChangeFindings(changes, findings, options), options);

describe(changeContext.name, () => {
  const sut = ofFindings;
  const options = { boundary: 'ci' as const, horizonDays: 90, now: day('2026-12-01') };

  it('counts escapes of changes with and without context, per 100 changes, within the horizon', () => {
    const changes = [
      change('w1', 't1', '2026-01-10', full),
      change('w2', 't1', '2026-01-20', full),
      change('n1', 't1', '2026-01-15', none),
      change('u1', 't1', '2026-02-01', unsaid),
      change('late', 't1', '2026-11-20', none), // younger than the horizon: not compared
    ];
    const findings = [
      finding('w1', 'code_review', '2026-01-11'),
      finding('w2', 'production', '2026-02-01'),
      finding('n1', 'ci', '2026-01-16'),
      finding('n1', 'production', '2026-03-01'),
      finding('u1', 'design', '2026-02-02', 'pattern'),
      finding('u1', 'production', '2026-12-01'), // detected after the horizon: not counted
      finding('late', 'production', '2026-11-21'),
    ];
    const result = sut(changes, findings, options);
    expect(result).toMatchObject({ changes: 4, immatureChanges: 1, linkedFindings: 6, countedFindings: 5 });
    const all = result.comparisons.find((c) => c.flag === 'all' && c.findingClass === 'all')!;
    expect(all.with).toMatchObject({ changes: 2, unknown: 0, findings: 2, escaped: 1, rate: 0.5, findingsPer100Changes: 100, escapesPer100Changes: 50 });
    expect(all.without).toMatchObject({ changes: 2, unknown: 1, findings: 3, escaped: 2, findingsPer100Changes: 150, escapesPer100Changes: 100 });
    expect(all.difference!.estimate).toBeCloseTo(0.5 - 2 / 3, 12);
    const design = result.comparisons.find((c) => c.flag === 'all' && c.findingClass === 'design')!;
    expect(design.without).toMatchObject({ findings: 2, escaped: 2 });
    // One stratum (t1, first quarter): a = 1, b = 1, c = 2, d = 1 → OR = (1·1/5)/(1·2/5) = 0.5.
    expect(all.stratified.oddsRatio).toBeCloseTo(0.5, 12);
    expect(all.stratified.strata).toBe(1);
    expect(result.comparisons).toHaveLength(15);
  });

  it('stratifies by team and quarter: a better team with more context does not make the flag look better', () => {
    // Team A: always context, low escape rate; team B: never context, high rate. Inside each team, nothing differs.
    const changes = [change('a1', 'A', '2026-01-05', full), change('a2', 'A', '2026-01-06', none), change('b1', 'B', '2026-01-05', full), change('b2', 'B', '2026-01-06', none)];
    const findings: ContextChangeFinding[] = [];
    const add = (id: string, escaped: number, kept: number) => {
      for (let i = 0; i < escaped; i++) findings.push(finding(id, 'production', '2026-01-20'));
      for (let i = 0; i < kept; i++) findings.push(finding(id, 'code_review', '2026-01-20'));
    };
    add('a1', 1, 9); // 10%
    add('a2', 1, 9); // 10%
    add('b1', 5, 5); // 50%
    add('b2', 10, 10); // 50%
    // Crude: with 6/20 = 30%, without 11/30 ≈ 36.7%: looks like an effect; within teams there is none.
    const all = sut(changes, findings, options).comparisons.find((c) => c.flag === 'all' && c.findingClass === 'all')!;
    expect(all.with.rate).toBeCloseTo(0.3, 12);
    expect(all.without.rate).toBeCloseTo(11 / 30, 12);
    expect(all.stratified.oddsRatio).toBeCloseTo(1, 12);
    // Within each team the two changes escape alike: no relabelling of changes is less extreme than what was seen.
    expect(all.stratified.clusterPValue).toBe(1);
  });

  it('gives each comparison the p-value of its cluster permutation test made alone, over its changes in the order listed', () => {
    // The 15 tests are made together (a flag's shuffles once for its 3 classes): each must be the test as defined.
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
    for (let round = 0; round < 10; round++) {
      const options = { boundary: pick(['ci', 'production'] as const), horizonDays: 90, now: day('2026-12-01'), permutations: 300 };
      const changes = [...Array(5 + Math.floor(random() * 60))].map((_, i) => ({
        id: `c${i}`,
        teamId: pick(['a', 'b', null]),
        teamName: null,
        datedAt: new Date(day('2026-01-01').getTime() + Math.floor(random() * 240) * 24 * 3600 * 1000),
        flags: round % 3 === 0 ? pick([full, none]) : { threatModelLinked: pick([on, off, unknown]), acceptanceCriteria: pick([on, off]), promptContext: pick([on, unknown]), reviewedAgainstModel: pick([on, off]) },
      }));
      const findings = [...Array(Math.floor(random() * 300))].map(() => {
        const c = pick(changes);
        return { changeId: c.id, findingClass: pick(['design', 'pattern', 'unclassified'] as const), stage: pick(['code_review', 'ci', 'production'] as const), detectedAt: new Date(c.datedAt.getTime() + Math.floor(random() * 120) * 24 * 3600 * 1000), introducedAt: null };
      });
      const tallies = tallyChangeFindings(changes, findings, options);
      const result = changeContext(changes, tallies, options);
      // With p-values kept between calls: the same answer, the second time without drawing.
      const kept = new Map<string, number>();
      expect(changeContext(changes, tallies, { ...options, keptPValues: kept })).toEqual(result);
      expect(changeContext(changes, tallies, { ...options, keptPValues: kept })).toEqual(result);
      const mature = changes.filter((c) => c.datedAt.getTime() + 90 * 24 * 3600 * 1000 <= options.now.getTime());
      for (const comparison of result.comparisons) {
        const strata = new Map<string, ExposedCluster[]>();
        for (const c of mature) {
          const ofClass = tallies.filter((t) => t.changeId === c.id && (comparison.findingClass === 'all' || t.findingClass === comparison.findingClass));
          const exposed = comparison.flag === 'all' ? hasFullContext(c.flags) : c.flags[comparison.flag].value === true;
          const key = `${c.teamId ?? '-'}|${periodStart(c.datedAt, 'quarter')}`;
          strata.set(key, [...(strata.get(key) ?? []), { escaped: ofClass.reduce((n, t) => n + t.escaped, 0), total: ofClass.reduce((n, t) => n + t.counted, 0), exposed }]);
        }
        const alone = clusterPermutationPValue([...strata.keys()].sort().map((k) => strata.get(k)!), options.permutations, 1);
        expect([comparison.flag, comparison.findingClass, comparison.stratified.clusterPValue]).toEqual([comparison.flag, comparison.findingClass, alone]);
      }
      expect(result.comparisons.map((c) => c.flag)).toEqual([...CONTEXT_FLAGS, 'all'].flatMap((flag) => [flag, flag, flag]));
    }
  });

  it('takes the finding’s own introduction date when it has one', () => {
    const changes = [change('c', 't', '2026-01-01', none)];
    const late = { ...finding('c', 'production', '2026-06-01'), introducedAt: day('2026-05-01') };
    expect(sut(changes, [late], options).countedFindings).toBe(1);
    expect(sut(changes, [finding('c', 'production', '2026-06-01')], options).countedFindings).toBe(0);
  });
});

describe(tallyChangeFindings.name, () => {
  const options = { boundary: 'ci' as const, horizonDays: 90 };

  it('counts a finding detected exactly at the horizon, not one a millisecond later, from its own introduction or else the change’s date', () => {
    const changes = [change('c', 't', '2026-01-01', none)];
    const at = (ms: number) => new Date(day('2026-01-01').getTime() + ms);
    const horizon = 90 * 24 * 3600 * 1000;
    const findings: ContextChangeFinding[] = [
      { changeId: 'c', findingClass: 'design', stage: 'production', detectedAt: at(horizon), introducedAt: null },
      { changeId: 'c', findingClass: 'design', stage: 'production', detectedAt: at(horizon + 1), introducedAt: null },
      { changeId: 'c', findingClass: 'design', stage: 'code_review', detectedAt: at(horizon + 5), introducedAt: at(5) },
      { changeId: 'c', findingClass: 'pattern', stage: 'ci', detectedAt: at(horizon + 6), introducedAt: at(5) },
      { changeId: 'other', findingClass: 'pattern', stage: 'ci', detectedAt: at(0), introducedAt: null },
    ];
    expect(tallyChangeFindings(changes, findings, options)).toEqual([
      { changeId: 'c', findingClass: 'design', linked: 3, counted: 2, escaped: 1 },
      { changeId: 'c', findingClass: 'pattern', linked: 1, counted: 0, escaped: 0 },
    ]);
  });

  it('gives the metric the findings would give one by one: grouped tallies equal one tally per finding, on many random organisations', () => {
    // One tally per finding is the metric's loop over individual findings; grouping them may change nothing, not even a rounding.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
    const flagsOf = (): ContextFlags => {
      const value = () => pick([on, off, unknown]);
      return { threatModelLinked: value(), acceptanceCriteria: value(), promptContext: value(), reviewedAgainstModel: value() };
    };
    const stages = ['design', 'code_review', 'ci', 'pre_release', 'production'] as const;
    const classes = ['design', 'pattern', 'unclassified'] as const;
    for (let round = 0; round < 25; round++) {
      const options = { boundary: pick(stages), horizonDays: pick([1, 30, 90]), now: day('2026-12-01'), permutations: 200 };
      const changes = [...Array(2 + Math.floor(random() * 30))].map((_, i) => ({
        id: `c${i}`,
        teamId: pick(['a', 'b', 'c']),
        teamName: null,
        datedAt: new Date(day('2026-01-01').getTime() + Math.floor(random() * 330 * 24) * 3600 * 1000),
        flags: flagsOf(),
      }));
      const findings = [...Array(Math.floor(random() * 400))].map(() => {
        const c = pick(changes);
        const introducedAt = random() < 0.5 ? new Date(c.datedAt.getTime() - Math.floor(random() * 40) * 24 * 3600 * 1000) : null;
        const from = (introducedAt ?? c.datedAt).getTime();
        // Some exactly at the horizon, some a millisecond past it, the rest anywhere up to twice the horizon.
        const lag = pick([options.horizonDays * 24 * 3600 * 1000, options.horizonDays * 24 * 3600 * 1000 + 1, Math.floor(random() * 2 * options.horizonDays * 24 * 3600 * 1000)]);
        return { changeId: c.id, findingClass: pick(classes), stage: pick(stages), detectedAt: new Date(from + lag), introducedAt };
      });
      const oneByOne: ChangeFindingTally[] = findings.flatMap((f) => tallyChangeFindings(changes, [f], options));
      const grouped = tallyChangeFindings(changes, findings, options);
      expect(grouped.reduce((n, t) => n + t.linked, 0)).toBe(findings.length);
      expect(changeContext(changes, grouped, options)).toEqual(changeContext(changes, oneByOne, options));
    }
  });
});

describe(coverageSeries.name, () => {
  it('counts per team and month the changes carrying each flag', () => {
    const sut = coverageSeries([change('1', 't', '2026-01-03', full), change('2', 't', '2026-01-30', none), change('3', 't', '2026-02-01', { ...unsaid, promptContext: { value: true, source: 'derived' } })]);
    expect(sut).toEqual([
      { period: '2026-01-01', teamId: 't', teamName: 't', changes: 2, threatModelLinked: 1, acceptanceCriteria: 1, promptContext: 1, reviewedAgainstModel: 1, all: 1 },
      { period: '2026-02-01', teamId: 't', teamName: 't', changes: 1, threatModelLinked: 0, acceptanceCriteria: 0, promptContext: 1, reviewedAgainstModel: 0, all: 0 },
    ]);
  });
});
