import type { ChangeContextClass, ChangeContextComparisonDto, ChangeContextFlagKey, ChangeCoveragePointDto, ChangeGroupSummaryDto, ContextFlags } from '../api/changes';
import { CONTEXT_FLAGS } from '../api/changes';
import { isEscape, type DetectionStage } from '../model/detection-stage';
import type { FindingClass } from '../model/finding';
import { periodStart } from '../metrics/periods';
import { clusterPermutationPValue, SharedShuffles, type ExposedCluster } from '../statistics/cluster-permutation-test';
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
  const byId = new Map(mature.map((c) => [c.id, c]));
  const ofMature = tallies.filter((t) => byId.has(t.changeId));
  // Each change's stratum once: 15 comparisons ask for it, at every tally and change.
  const strataOf = new Map(mature.map((c) => [c.id, stratumOf(c)]));
  // The 15 cluster permutation tests relabel the same changes: their shuffles are made once.
  const shuffles = new SharedShuffles();
  let linkedFindings = 0;
  let countedFindings = 0;

  // Per change and class: its counted findings and escapes, for the cluster permutation test.
  const perChange = new Map<string, Record<ChangeContextClass, { escaped: number; total: number }>>();
  for (const change of mature) perChange.set(change.id, { design: { escaped: 0, total: 0 }, pattern: { escaped: 0, total: 0 }, all: { escaped: 0, total: 0 } });
  for (const tally of ofMature) {
    linkedFindings += tally.linked;
    countedFindings += tally.counted;
    const perClass = perChange.get(tally.changeId)!;
    for (const key of ['all', tally.findingClass] as const) {
      if (key !== 'all' && key !== 'design' && key !== 'pattern') continue;
      perClass[key].total += tally.counted;
      perClass[key].escaped += tally.escaped;
    }
  }

  const comparisons: ChangeContextComparisonDto[] = [];
  for (const flag of FLAG_KEYS) {
    for (const findingClass of CLASSES) {
      const sides: Record<'with' | 'without', Tally> = { with: { changes: 0, unknown: 0, findings: 0, escaped: 0 }, without: { changes: 0, unknown: 0, findings: 0, escaped: 0 } };
      const strata = new Map<string, StratumTable>();
      for (const change of mature) {
        const value = flagValue(change, flag);
        const side = sides[value === true ? 'with' : 'without'];
        side.changes += 1;
        if (value === null) side.unknown += 1;
      }
      for (const tally of ofMature) {
        // A stratum is one that has a counted finding: one whose findings all fell outside the horizon is not given.
        if (tally.counted === 0) continue;
        if (findingClass !== 'all' && tally.findingClass !== findingClass) continue;
        const change = byId.get(tally.changeId)!;
        const withContext = flagValue(change, flag) === true;
        const kept = tally.counted - tally.escaped;
        const side = sides[withContext ? 'with' : 'without'];
        side.findings += tally.counted;
        side.escaped += tally.escaped;
        const key = strataOf.get(change.id)!;
        const table = strata.get(key) ?? { a: 0, b: 0, c: 0, d: 0 };
        if (withContext) {
          table.a += tally.escaped;
          table.b += kept;
        } else {
          table.c += tally.escaped;
          table.d += kept;
        }
        strata.set(key, table);
      }
      const w = sides.with;
      const wo = sides.without;
      comparisons.push({
        flag,
        findingClass,
        with: summarise(w),
        without: summarise(wo),
        difference: w.findings > 0 && wo.findings > 0 ? newcombeDifferenceInterval(w.escaped, w.findings, wo.escaped, wo.findings) : null,
        stratified: { ...mantelHaenszel([...strata.keys()].sort().map((k) => strata.get(k)!)), clusterPValue: clusterPValue(mature, strataOf, perChange, flag, findingClass, options.permutations ?? 1000, shuffles) },
      });
    }
  }
  return { changes: mature.length, immatureChanges: changes.length - mature.length, linkedFindings, countedFindings, comparisons, coverage: coverageSeries(changes) };
}

function clusterPValue(
  changes: readonly ContextChange[],
  strataOf: ReadonlyMap<string, string>,
  perChange: ReadonlyMap<string, Record<ChangeContextClass, { escaped: number; total: number }>>,
  flag: ChangeContextFlagKey,
  findingClass: ChangeContextClass,
  draws: number,
  shuffles: SharedShuffles,
): number | null {
  const strata = new Map<string, ExposedCluster[]>();
  for (const change of changes) {
    const tally = perChange.get(change.id)![findingClass];
    const key = strataOf.get(change.id)!;
    const list = strata.get(key) ?? [];
    list.push({ ...tally, exposed: flagValue(change, flag) === true });
    strata.set(key, list);
  }
  return clusterPermutationPValue([...strata.keys()].sort().map((k) => strata.get(k)!), draws, 1, shuffles);
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
