import type { ChangeContextClass, ChangeContextComparisonDto, ChangeContextFlagKey, ChangeCoveragePointDto, ChangeGroupSummaryDto, ContextFlags } from '../api/changes';
import { CONTEXT_FLAGS } from '../api/changes';
import { isEscape, type DetectionStage } from '../model/detection-stage';
import type { FindingClass } from '../model/finding';
import { periodStart } from '../metrics/periods';
import { clusterPermutationPValue, type ExposedCluster } from '../statistics/cluster-permutation-test';
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

export interface ContextChangeFinding {
  changeId: string;
  findingClass: FindingClass;
  /** Stage of first detection in time. */
  stage: DetectionStage;
  detectedAt: Date;
  /** Null: the change's date stands in (a flaw is introduced when its change is merged). */
  introducedAt: Date | null;
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
 */
export function changeContext(changes: readonly ContextChange[], findings: readonly ContextChangeFinding[], options: ChangeContextOptions): ChangeContextResult {
  const horizonMs = options.horizonDays * DAY_MS;
  const mature = changes.filter((c) => c.datedAt.getTime() + horizonMs <= options.now.getTime());
  const byId = new Map(mature.map((c) => [c.id, c]));
  const linked = findings.filter((f) => byId.has(f.changeId));
  const counted = linked
    .map((f) => {
      const change = byId.get(f.changeId)!;
      const introduced = f.introducedAt ?? change.datedAt;
      return { finding: f, change, inHorizon: f.detectedAt.getTime() - introduced.getTime() <= horizonMs };
    })
    .filter((f) => f.inHorizon);

  // Per change and class: its counted findings and escapes, for the cluster permutation test.
  const perChange = new Map<string, Record<ChangeContextClass, { escaped: number; total: number }>>();
  for (const change of mature) perChange.set(change.id, { design: { escaped: 0, total: 0 }, pattern: { escaped: 0, total: 0 }, all: { escaped: 0, total: 0 } });
  for (const { finding, change } of counted) {
    const escaped = isEscape(finding.stage, options.boundary) ? 1 : 0;
    const tallies = perChange.get(change.id)!;
    for (const key of ['all', finding.findingClass] as const) {
      if (key !== 'all' && key !== 'design' && key !== 'pattern') continue;
      tallies[key].total += 1;
      tallies[key].escaped += escaped;
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
      for (const { finding, change } of counted) {
        if (findingClass !== 'all' && finding.findingClass !== findingClass) continue;
        const withContext = flagValue(change, flag) === true;
        const escaped = isEscape(finding.stage, options.boundary);
        const side = sides[withContext ? 'with' : 'without'];
        side.findings += 1;
        if (escaped) side.escaped += 1;
        const key = stratumOf(change);
        const table = strata.get(key) ?? { a: 0, b: 0, c: 0, d: 0 };
        if (withContext) escaped ? (table.a += 1) : (table.b += 1);
        else escaped ? (table.c += 1) : (table.d += 1);
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
        stratified: { ...mantelHaenszel([...strata.keys()].sort().map((k) => strata.get(k)!)), clusterPValue: clusterPValue(mature, perChange, flag, findingClass, options.permutations ?? 1000) },
      });
    }
  }
  return { changes: mature.length, immatureChanges: changes.length - mature.length, linkedFindings: linked.length, countedFindings: counted.length, comparisons, coverage: coverageSeries(changes) };
}

function clusterPValue(
  changes: readonly ContextChange[],
  perChange: ReadonlyMap<string, Record<ChangeContextClass, { escaped: number; total: number }>>,
  flag: ChangeContextFlagKey,
  findingClass: ChangeContextClass,
  draws: number,
): number | null {
  const strata = new Map<string, ExposedCluster[]>();
  for (const change of changes) {
    const tally = perChange.get(change.id)![findingClass];
    const list = strata.get(stratumOf(change)) ?? [];
    list.push({ ...tally, exposed: flagValue(change, flag) === true });
    strata.set(stratumOf(change), list);
  }
  return clusterPermutationPValue([...strata.keys()].sort().map((k) => strata.get(k)!), draws);
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
