import type { DetectionStage } from '../model/detection-stage';
import type { EscapeCounts } from '../statistics/counts';
import { holmAdjust } from '../statistics/holm';
import { newcombeDifferenceInterval } from '../statistics/newcombe-interval';
import { randomisationTest, type RandomisationResult } from '../statistics/randomisation-test';
import { normalCdf, normalQuantile } from '../statistics/special-functions';
import { Z_95 } from '../statistics/wilson-interval';
import { countCohorts } from './cohort-counts';
import { dayNumber, followUpHorizon, isoDay, type FollowUpHorizon } from './follow-up-horizon';
import { relabelledStatistics } from './relabelled-statistics';
import { eventStudy, eventWindow, stackedEstimate, UnitPanel, type AdoptionProfile, type EventStudyPoint, type StackedDesign } from './stacked-design';
import { DEFAULT_HORIZON_RULE, type CohortCount, type HorizonRule, type IsoDay, type VerdictAdoption, type VerdictFinding, type VerdictSettings } from './verdict-input';

export const VERDICT_CODES = ['likely-real', 'no-important-change', 'too-little-data', 'no-control'] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];

export interface Verdict {
  code: VerdictCode;
  /** What the figures say, and what they cannot tell. */
  words: string;
}

/** Pre-trend warnings are raised at this level: a check that should rather warn too often than too rarely. */
export const PRE_TREND_ALPHA = 0.1;

export interface ClassVerdict {
  findingClass: string;
  primary: boolean;
  verdict: Verdict;
  /** Difference in differences of escape rates (after − before, adopters net of controls); negative = fewer escapes. */
  estimate: number | null;
  /** 95%: the wider of the MOVER interval and the randomisation interval. */
  interval: { low: number; high: number } | null;
  moverInterval: { low: number; high: number } | null;
  /** Randomisation p-value, two-sided, before and after Holm's adjustment across the analysed classes. */
  pValue: number | null;
  adjustedPValue: number | null;
  method: string;
  randomisation: Omit<RandomisationResult, 'statistics'> | null;
  units: { adopting: number; control: number };
  counts: { treated: { before: EscapeCounts; after: EscapeCounts }; control: { before: EscapeCounts; after: EscapeCounts } } | null;
  /** The adopters' own change (Newcombe interval): context only, never the verdict. */
  adoptersOwnChange: { estimate: number; low: number; high: number } | null;
  /** Power of a test at level alpha to detect a true change of the minimal important difference, given the interval's width. */
  powerAtMinimalImportantDifference: number | null;
  eventStudy: EventStudyPoint[];
  preTrend: { pValue: number | null; differs: boolean };
  /** Share of the compared findings whose cohort date is a detection date (no introduction date known). */
  fallbackShare: number | null;
  /** The same analysis with every finding dated by its first detection. */
  sensitivity: { estimate: number | null; low: number | null; high: number | null; pValue: number | null; code: VerdictCode } | null;
}

export interface AdoptionVerdictResult {
  boundary: DetectionStage;
  horizon: FollowUpHorizon;
  /** Cohorts on or after this day have not had H days of follow-up and are not used. */
  cohortsUntil: IsoDay;
  windowDays: number;
  alpha: number;
  minimalImportantDifference: number;
  primaryClass: string;
  /** Units in the analysis: adopters and clean candidates for control. */
  units: number;
  classes: ClassVerdict[];
}

export interface AdoptionVerdictInput {
  findings: readonly VerdictFinding[];
  /** One adoption, or every adoption of a practice (analysed together, stacked). */
  adoptions: readonly VerdictAdoption[];
  /** Adoptions of anything else: their units are used as controls only when they adopt after every compared window. */
  otherAdoptions?: readonly { unit: string; startedAt: IsoDay }[];
  settings: VerdictSettings;
  horizon?: HorizonRule;
  now: IsoDay;
  /** Run the detection-date sensitivity analysis (default true). */
  sensitivity?: boolean;
}

/** The class name that stands for every finding whatever its class (a primary analysis may fix it). */
export const ALL_CLASSES = 'all';

const DEFAULT_WINDOW_DAYS = 364;
const DEFAULT_MIN_WINDOW_DAYS = 28;

/**
 * The adoption verdict: per class, the stacked difference in differences of escape rates within a fixed
 * follow-up horizon, its randomisation p-value over units (Holm-adjusted across classes), an interval valid
 * at 0% and 100%, an event study with a pre-trend check, and a verdict judged against the minimal important
 * difference. See docs/metrics.md, "Adoption verdict", for the methods and what they cannot tell.
 */
export function adoptionVerdict(input: AdoptionVerdictInput): AdoptionVerdictResult {
  const { findings, horizon: rule, ...rest } = input;
  const horizon = followUpHorizon(findings, input.settings.boundary, rule ?? DEFAULT_HORIZON_RULE, input.now);
  return adoptionVerdictFromCounts({
    ...rest,
    horizon,
    byIntroduction: countCohorts(findings, input.settings.boundary, horizon.horizonDays),
    byDetection: input.sensitivity === false ? null : countCohorts(findings, input.settings.boundary, horizon.horizonDays, 'detection'),
  });
}

/**
 * What the verdict needs of the findings, already counted: the horizon, and the cohort counts within it dated
 * by introduction and (for the sensitivity analysis, null to skip it) by first detection. A database can
 * produce these with a few grouped sums, so the findings themselves never have to be read.
 */
export interface VerdictCountsInput extends Omit<AdoptionVerdictInput, 'findings' | 'horizon' | 'sensitivity'> {
  horizon: FollowUpHorizon;
  byIntroduction: readonly CohortCount[];
  byDetection: readonly CohortCount[] | null;
}

/** The verdict from counts: `adoptionVerdict` once the findings are counted (the two give the same answer). */
export function adoptionVerdictFromCounts(input: VerdictCountsInput): AdoptionVerdictResult {
  const { settings, horizon } = input;
  const alpha = settings.alpha ?? 0.05;
  const counts = input.byIntroduction;
  const design = buildDesign(input, counts, horizon.horizonDays);
  const primaryRun = analyse(counts, design, input, alpha);
  const sensitivityRun = input.byDetection === null ? null : analyse(input.byDetection, design, input, alpha);
  const classes = primaryRun.map((c, i) => {
    const s = sensitivityRun?.[i];
    return { ...c, sensitivity: s ? { estimate: s.estimate, low: s.interval?.low ?? null, high: s.interval?.high ?? null, pValue: s.pValue, code: s.verdict.code } : null };
  });
  classes.sort((a, b) => Number(b.primary) - Number(a.primary));
  return {
    boundary: settings.boundary,
    horizon,
    cohortsUntil: isoDay(design.dataEnd),
    windowDays: design.windowDays,
    alpha,
    minimalImportantDifference: settings.minimalImportantDifference,
    primaryClass: settings.primaryClass,
    units: design.units.length,
    classes,
  };
}

function buildDesign(input: VerdictCountsInput, counts: readonly CohortCount[], horizonDays: number): StackedDesign {
  const { settings } = input;
  const dataEnd = dayNumber(input.now) - horizonDays + 1;
  const profileOf = new Map<string, AdoptionProfile>();
  for (const a of input.adoptions) {
    const profile = { start: dayNumber(a.startedAt), end: a.retiredAt ? dayNumber(a.retiredAt) : Infinity };
    for (const unit of a.units) {
      const known = profileOf.get(unit);
      if (!known || profile.start < known.start) profileOf.set(unit, profile);
    }
  }
  let firstDay = dataEnd;
  for (const c of counts) firstDay = Math.min(firstDay, dayNumber(c.cohortDate));
  const skeleton = { firstDay, dataEnd, windowDays: settings.windowDays ?? DEFAULT_WINDOW_DAYS, minWindowDays: settings.minWindowDays ?? DEFAULT_MIN_WINDOW_DAYS };
  // The distinct adoption profiles, and the last day any compared window reaches.
  const profiles: AdoptionProfile[] = [];
  const profileIndex = new Map<string, number>();
  let lastWindowEnd = -Infinity;
  for (const p of profileOf.values()) {
    const key = `${p.start}/${p.end}`;
    if (profileIndex.has(key)) continue;
    profileIndex.set(key, profiles.length);
    profiles.push(p);
    const w = eventWindow({ ...skeleton, units: [], profiles: [], labels: new Int32Array(0) }, p);
    if (w !== null) lastWindowEnd = Math.max(lastWindowEnd, p.start + w);
  }
  const otherStart = new Map<string, number>();
  for (const o of input.otherAdoptions ?? []) {
    const d = dayNumber(o.startedAt);
    otherStart.set(o.unit, Math.min(d, otherStart.get(o.unit) ?? Infinity));
  }
  const candidates = new Set<string>([...profileOf.keys(), ...counts.map((c) => c.unit)]);
  const units = [...candidates].filter((u) => profileOf.has(u) || !((otherStart.get(u) ?? Infinity) < lastWindowEnd)).sort();
  const labels = Int32Array.from(units.map((u) => {
    const p = profileOf.get(u);
    return p ? profileIndex.get(`${p.start}/${p.end}`)! : -1;
  }));
  return { ...skeleton, units, profiles, labels };
}

interface ClassRun extends Omit<ClassVerdict, 'sensitivity'> {
  smallestPossiblePValue: number | null;
}

function analyse(counts: readonly CohortCount[], design: StackedDesign, input: VerdictCountsInput, alpha: number): ClassVerdict[] {
  const { settings } = input;
  const groupSizes = design.profiles.map((_, g) => design.labels.filter((l) => l === g).length);
  const runs: ClassRun[] = settings.classes.map((findingClass) => {
    const panel = new UnitPanel(counts, findingClass === ALL_CLASSES ? null : findingClass, design.units, design.firstDay, design.dataEnd);
    const observed = stackedEstimate(panel, design);
    const study = eventStudy(panel, design);
    const primary = findingClass === settings.primaryClass;
    const empty: ClassRun = {
      findingClass, primary, verdict: { code: 'too-little-data', words: '' }, estimate: null, interval: null, moverInterval: null, pValue: null, adjustedPValue: null,
      method: METHOD, randomisation: null, units: { adopting: 0, control: 0 }, counts: null, adoptersOwnChange: null, powerAtMinimalImportantDifference: null,
      eventStudy: study, preTrend: { pValue: null, differs: false }, fallbackShare: null, smallestPossiblePValue: null,
    };
    if (!observed) return empty;
    const test = randomisationTest(
      { units: design.units.length, groupSizes },
      design.labels,
      relabelledStatistics(panel, design),
      { exactLimit: settings.exactLimit, draws: settings.draws, seed: settings.seed },
    );
    const [main, pre] = test.statistics;
    const half = main.absoluteQuantile95 ?? 0;
    const interval = { low: Math.min(observed.mover.low, observed.estimate - half), high: Math.max(observed.mover.high, observed.estimate + half) };
    const own = newcombeDifferenceInterval(observed.treated.after.escaped, observed.treated.after.total, observed.treated.before.escaped, observed.treated.before.total);
    const randomisation = { method: test.method, assignments: test.assignments, evaluated: test.evaluated, smallestPossiblePValue: test.smallestPossiblePValue, monteCarloError: test.monteCarloError };
    return {
      ...empty,
      estimate: observed.estimate,
      interval,
      moverInterval: { low: observed.mover.low, high: observed.mover.high },
      pValue: main.pValue,
      method: `${METHOD}; ${test.method === 'exact' ? `exact over all ${test.assignments} assignments` : `Monte Carlo, ${test.evaluated} seeded draws of ${test.assignments} assignments`}`,
      randomisation,
      units: { adopting: observed.adoptingUnits, control: observed.controlUnits },
      counts: { treated: observed.treated, control: observed.control },
      adoptersOwnChange: own,
      powerAtMinimalImportantDifference: power(interval, settings.minimalImportantDifference, alpha),
      preTrend: { pValue: pre.pValue, differs: pre.pValue !== null && pre.pValue < PRE_TREND_ALPHA },
      fallbackShare: observed.findings ? observed.fallback / observed.findings : null,
      smallestPossiblePValue: test.smallestPossiblePValue,
    };
  });
  const adjusted = holmAdjust(runs.map((r) => r.pValue));
  const tested = runs.filter((r) => r.pValue !== null).length;
  return runs.map((r, i) => {
    const { smallestPossiblePValue, ...rest } = r;
    const run = { ...rest, adjustedPValue: adjusted[i] };
    return { ...run, verdict: judge(run, smallestPossiblePValue, tested, alpha, settings.minimalImportantDifference, design, counts), sensitivity: null };
  });
}

const METHOD = 'stacked difference in differences of escape rates; randomisation p-value over units, Holm-adjusted across classes; interval: the wider of MOVER (Wilson) and randomisation';

function power(interval: { low: number; high: number }, mid: number, alpha: number): number {
  const se = (interval.high - interval.low) / (2 * Z_95);
  if (!(se > 0)) return 1;
  const z = normalQuantile(1 - alpha / 2);
  return Math.min(1, normalCdf(mid / se - z) + normalCdf(-mid / se - z));
}

const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
const pText = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

function judge(
  r: Omit<ClassVerdict, 'verdict' | 'sensitivity'>,
  smallestPossiblePValue: number | null,
  tested: number,
  alpha: number,
  mid: number,
  design: StackedDesign,
  counts: readonly CohortCount[],
): Verdict {
  const cls = r.findingClass;
  const midText = `${(mid * 100).toFixed(0)} points`;
  const preWarning = r.preTrend.differs
    ? ` Warning: before adoption the adopters' escape rate already moved differently from the controls' (pre-trend randomisation p = ${pText(r.preTrend.pValue!)}), so part of this difference may have come anyway.`
    : '';
  if (r.estimate === null || r.interval === null) {
    const adopters = design.units.filter((_, u) => design.labels[u] !== -1);
    const controls = design.units.filter((_, u) => design.labels[u] === -1);
    const ofClass = (c: CohortCount) => cls === ALL_CLASSES || c.findingClass === cls;
    const adoptersHaveData = counts.some((c) => ofClass(c) && adopters.includes(c.unit));
    const controlsHaveData = counts.some((c) => ofClass(c) && controls.includes(c.unit));
    if (adoptersHaveData && (!controls.length || !controlsHaveData)) {
      return { code: 'no-control', words: `No unit without the practice has ${cls} findings in the same windows, so any change of the adopters cannot be separated from an organisation-wide trend (a new scanner, a security push, the season).` };
    }
    return { code: 'too-little-data', words: `Too few ${cls} findings with the full follow-up on both sides of the adoption to compare (or no adoption has a usable window before ${isoDay(design.dataEnd)}).` };
  }
  const interval = `${points(r.interval.low)} to ${points(r.interval.high)} points`;
  const unitsText = `${r.units.adopting} adopting and ${r.units.control} control units`;
  if (smallestPossiblePValue !== null && smallestPossiblePValue > alpha / Math.max(1, tested)) {
    return {
      code: 'too-little-data',
      words: `Only ${unitsText}: no way of relabelling them could give a p-value below ${pText(alpha / Math.max(1, tested))} (the smallest possible is ${pText(smallestPossiblePValue)}), so this is not tested. The estimate, ${points(r.estimate)} points (${interval}), is shown for context only. Analyse every adoption of the practice together for more units.${preWarning}`,
    };
  }
  const p = r.adjustedPValue!;
  if (p < alpha && (r.interval.low > 0 || r.interval.high < 0)) {
    return {
      code: 'likely-real',
      words: `Escapes of ${cls} findings ${r.estimate < 0 ? 'fell' : 'rose'} by ${points(r.estimate)} points (95% ${interval}) relative to ${unitsText}, more than relabelling the units explains (p = ${pText(p)}, Holm-adjusted). It cannot tell which part of the practice did it, nor exclude another change that reached only the adopters at the same time.${preWarning}`,
    };
  }
  if (r.interval.low > -mid && r.interval.high < mid) {
    return {
      code: 'no-important-change',
      words: `No change as large as the minimal important difference of ${midText}: the interval (${interval}) lies within ±${midText} (${unitsText}). A smaller effect is not ruled out.${preWarning}`,
    };
  }
  return {
    code: 'too-little-data',
    words: `Could be chance (p = ${pText(p)}, Holm-adjusted), and the interval (${interval}) still includes changes of ${midText} or more: too little data to tell. This is not evidence that the practice does nothing.${preWarning}`,
  };
}
