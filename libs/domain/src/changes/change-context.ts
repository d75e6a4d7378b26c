import type { ChangeContextClass, ChangeContextComparisonDto, ChangeContextFlagKey, ChangeCoveragePointDto, ChangeGroupSummaryDto, ContextFlags } from '../api/changes';
import { CONTEXT_FLAGS } from '../api/changes';
import { isEscape, type DetectionStage } from '../model/detection-stage';
import type { FindingClass } from '../model/finding';
import { periodStart } from '../metrics/periods';
import { clusterPermutationPValues, type ExposedCluster, type KeptPValues } from '../statistics/cluster-permutation-test';
import { mantelHaenszel, type StratumTable } from '../statistics/mantel-haenszel';
import { newcombeDifferenceInterval } from '../statistics/newcombe-interval';
import { wilsonInterval } from '../statistics/wilson-interval';
import { hasFullContext } from './context-flags';

const DAY_MS = 24 * 3600 * 1000;

export interface ContextChange {
  id: string;
  teamId: string | null;
  teamName: string | null;
  /** Merged, else opened, else recorded. */
  datedAt: Date;
  flags: ContextFlags;
}

/** One finding a change introduced, as the per-finding reference tallies it. */
export interface ContextChangeFinding {
  changeId: string;
  findingClass: FindingClass;
  /** Stage of first detection in time. */
  stage: DetectionStage;
  detectedAt: Date;
  /** Null: the change's date stands in (a flaw is introduced when its change is merged). */
  introducedAt: Date | null;
}

/**
 * What the comparison needs of a change's findings of one class, counted where they are stored (the
 * database groups them) so that a read does not carry every finding: `linked` findings, `counted` ones
 * (first detected within the horizon of their introduction) and the `escaped` among those counted.
 */
export interface ChangeFindingTally {
  changeId: string;
  findingClass: FindingClass;
  linked: number;
  counted: number;
  escaped: number;
}

/**
 * A change's findings, one by one, into tallies: the definition the stored tallies must equal. A finding
 * counts when `detectedAt − (introducedAt ?? the change's date) ≤ horizonDays`, to the millisecond; it
 * escaped when its stage is at or after the boundary. Findings of changes not given are left out.
 */
export function tallyChangeFindings(
  changes: readonly ContextChange[],
  findings: readonly ContextChangeFinding[],
  options: Pick<ChangeContextOptions, 'boundary' | 'horizonDays'>,
): ChangeFindingTally[] {
  const horizonMs = options.horizonDays * DAY_MS;
  const byId = new Map(changes.map((c) => [c.id, c]));
  const tallies = new Map<string, ChangeFindingTally>();
  for (const finding of findings) {
    const change = byId.get(finding.changeId);
    if (!change) continue;
    const key = `${finding.changeId}|${finding.findingClass}`;
    const tally = tallies.get(key) ?? { changeId: finding.changeId, findingClass: finding.findingClass, linked: 0, counted: 0, escaped: 0 };
    tally.linked += 1;
    const introduced = finding.introducedAt ?? change.datedAt;
    if (finding.detectedAt.getTime() - introduced.getTime() <= horizonMs) {
      tally.counted += 1;
      if (isEscape(finding.stage, options.boundary)) tally.escaped += 1;
    }
    tallies.set(key, tally);
  }
  return [...tallies.values()];
}

export interface ChangeContextOptions {
  boundary: DetectionStage;
  horizonDays: number;
  now: Date;
  /** Draws of the cluster permutation test; default 1000 (seeded, so a figure does not move between requests). */
  permutations?: number;
  /** Cluster permutation p-values kept between calls: a test over the same changes and counts is not drawn again. */
  keptPValues?: KeptPValues;
}

export interface ChangeContextResult {
  changes: number;
  immatureChanges: number;
  linkedFindings: number;
  countedFindings: number;
  comparisons: ChangeContextComparisonDto[];
  coverage: ChangeCoveragePointDto[];
}

const FLAG_KEYS: readonly ChangeContextFlagKey[] = [...CONTEXT_FLAGS, 'all'];
const CLASSES: readonly ChangeContextClass[] = ['design', 'pattern', 'all'];

function flagValue(change: ContextChange, flag: ChangeContextFlagKey): boolean | null {
  if (flag === 'all') return hasFullContext(change.flags) ? true : CONTEXT_FLAGS.some((f) => change.flags[f].value === false) ? false : null;
  return change.flags[flag].value;
}

/** Team and quarter: the comparison is made inside each, so neither a team's quality nor a good quarter passes for the flag's effect. */
function stratumOf(change: ContextChange): string {
  return `${change.teamId ?? '-'}|${periodStart(change.datedAt, 'quarter')}`;
}

interface Tally {
  changes: number;
  unknown: number;
  findings: number;
  escaped: number;
}

function summarise(t: Tally): ChangeGroupSummaryDto {
  const interval = t.findings > 0 ? wilsonInterval(t.escaped, t.findings) : null;
  return {
    changes: t.changes,
    unknown: t.unknown,
    findings: t.findings,
    escaped: t.escaped,
    rate: t.findings > 0 ? t.escaped / t.findings : null,
    ciLow: interval?.low ?? null,
    ciHigh: interval?.high ?? null,
    findingsPer100Changes: t.changes > 0 ? (100 * t.findings) / t.changes : null,
    escapesPer100Changes: t.changes > 0 ? (100 * t.escaped) / t.changes : null,
  };
}

/**
 * Escape rates of the findings that changes with a context flag introduced, against those of changes
 * without it ("without" is false or unknown: no evidence the context was there), per finding class.
 *
 * Every change gets the same follow-up: a finding counts when it was first detected within `horizonDays`
 * of its introduction, and changes dated less than `horizonDays` before `now` are left out of the
 * comparisons, since their escapes may not have surfaced yet. The stratified comparison is the
 * Mantel–Haenszel odds ratio within team × quarter strata. This is an observational comparison: teams
 * choose which changes get context (perhaps the riskier ones, perhaps the easier ones), so a difference
 * is evidence of association, not proof that the context caused it.
 *
 * The findings come as tallies per change and class, counted with the same boundary and horizon as
 * `options` (`tallyChangeFindings` is their definition), so the work here grows with the changes, not
 * with their findings.
 */
export function changeContext(changes: readonly ContextChange[], tallies: readonly ChangeFindingTally[], options: ChangeContextOptions): ChangeContextResult {
  const horizonMs = options.horizonDays * DAY_MS;
  const mature = changes.filter((c) => c.datedAt.getTime() + horizonMs <= options.now.getTime());
  // Each change's place in the list, stratum (numbered in the strata's order) and value of each flag, once:
  // 15 comparisons ask for them at every tally and change.
  const indexOf = new Map(mature.map((c, i) => [c.id, i]));
  const strataKeys = mature.map(stratumOf);
  const strataInOrder = [...new Set(strataKeys)].sort();
  const stratumNumber = new Map(strataInOrder.map((key, i) => [key, i]));
  const strataOf = strataKeys.map((key) => stratumNumber.get(key)!);
  const flagValues = new Map(FLAG_KEYS.map((flag) => [flag, mature.map((c) => flagValue(c, flag))]));
  const ofMature = tallies.filter((t) => indexOf.has(t.changeId)).map((tally) => ({ tally, index: indexOf.get(tally.changeId)! }));
  let linkedFindings = 0;
  let countedFindings = 0;

  // Per change and class: its counted findings and escapes, for the cluster permutation test.
  const perChange = mature.map(() => ({ design: { escaped: 0, total: 0 }, pattern: { escaped: 0, total: 0 }, all: { escaped: 0, total: 0 } }));
  for (const { tally, index } of ofMature) {
    linkedFindings += tally.linked;
    countedFindings += tally.counted;
    const perClass = perChange[index];
    for (const key of ['all', tally.findingClass] as const) {
      if (key !== 'all' && key !== 'design' && key !== 'pattern') continue;
      perClass[key].total += tally.counted;
      perClass[key].escaped += tally.escaped;
    }
  }

  const comparisons: ChangeContextComparisonDto[] = [];
  const permutationTests: ExposedCluster[][][] = [];
  for (const flag of FLAG_KEYS) {
    const values = flagValues.get(flag)!;
    for (const findingClass of CLASSES) {
      const sides: Record<'with' | 'without', Tally> = { with: { changes: 0, unknown: 0, findings: 0, escaped: 0 }, without: { changes: 0, unknown: 0, findings: 0, escaped: 0 } };
      const strata: (StratumTable | undefined)[] = strataInOrder.map(() => undefined);
      for (const value of values) {
        const side = sides[value === true ? 'with' : 'without'];
        side.changes += 1;
        if (value === null) side.unknown += 1;
      }
      for (const { tally, index } of ofMature) {
        // A stratum is one that has a counted finding: one whose findings all fell outside the horizon is not given.
        if (tally.counted === 0) continue;
        if (findingClass !== 'all' && tally.findingClass !== findingClass) continue;
        const withContext = values[index] === true;
        const kept = tally.counted - tally.escaped;
        const side = sides[withContext ? 'with' : 'without'];
        side.findings += tally.counted;
        side.escaped += tally.escaped;
        const table = (strata[strataOf[index]] ??= { a: 0, b: 0, c: 0, d: 0 });
        if (withContext) {
          table.a += tally.escaped;
          table.b += kept;
        } else {
          table.c += tally.escaped;
          table.d += kept;
        }
      }
      const w = sides.with;
      const wo = sides.without;
      comparisons.push({
        flag,
        findingClass,
        with: summarise(w),
        without: summarise(wo),
        difference: w.findings > 0 && wo.findings > 0 ? newcombeDifferenceInterval(w.escaped, w.findings, wo.escaped, wo.findings) : null,
        stratified: { ...mantelHaenszel(strata.filter((table) => table !== undefined)), clusterPValue: null },
      });
      // The changes as the permutation test's clusters, per stratum in the strata's order, each in the order listed.
      const clusters: ExposedCluster[][] = strataInOrder.map(() => []);
      // Made with their fields named: objects spread from another took 7 ms a request to make and more to read.
      for (let i = 0; i < perChange.length; i++) {
        const { escaped, total } = perChange[i][findingClass];
        clusters[strataOf[i]].push({ escaped, total, exposed: values[i] === true });
      }
      permutationTests.push(clusters);
    }
  }
  // The 15 cluster permutation tests relabel the same changes: made together, each flag's shuffles once for its 3 classes.
  const pValues = clusterPermutationPValues(permutationTests, options.permutations ?? 1000, 1, options.keptPValues);
  comparisons.forEach((comparison, i) => (comparison.stratified.clusterPValue = pValues[i]));
  return { changes: mature.length, immatureChanges: changes.length - mature.length, linkedFindings, countedFindings, comparisons, coverage: coverageSeries(changes) };
}

/** Per team and month: how many changes carried each flag, and all four. The leading indicator that practice is really in place. */
export function coverageSeries(changes: readonly ContextChange[]): ChangeCoveragePointDto[] {
  const points = new Map<string, ChangeCoveragePointDto>();
  for (const change of changes) {
    const period = periodStart(change.datedAt, 'month');
    const key = `${period}|${change.teamId ?? ''}`;
    const point = points.get(key) ?? { period, teamId: change.teamId, teamName: change.teamName, changes: 0, threatModelLinked: 0, acceptanceCriteria: 0, promptContext: 0, reviewedAgainstModel: 0, all: 0 };
    point.changes += 1;
    for (const flag of CONTEXT_FLAGS) if (change.flags[flag].value === true) point[flag] += 1;
    if (hasFullContext(change.flags)) point.all += 1;
    points.set(key, point);
  }
  return [...points.values()].sort((a, b) => a.period.localeCompare(b.period) || (a.teamName ?? '').localeCompare(b.teamName ?? ''));
}
