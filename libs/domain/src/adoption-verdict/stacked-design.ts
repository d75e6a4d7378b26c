import type { EscapeCounts } from '../statistics/counts';
import { moverLinearCombination, type MoverInterval, type MoverTerm } from '../statistics/mover-interval';
import { wilsonInterval, Z_95 } from '../statistics/wilson-interval';
import { dayNumber } from './follow-up-horizon';
import type { CohortCount } from './verdict-input';

/** Length of an event-study period: a quarter of 91 days, so four of them make the default 364-day window. */
export const QUARTER_DAYS = 91;

/** An adoption start (and retirement, which ends the after-window), as day numbers; `end` is Infinity if never retired. */
export interface AdoptionProfile {
  start: number;
  end: number;
}

/**
 * The units of one analysis and who adopted when. `labels[u]` is the index of unit u's profile, or −1 for a
 * unit that never adopts within the analysis. Randomisation inference permutes `labels`.
 */
export interface StackedDesign {
  units: readonly string[];
  profiles: readonly AdoptionProfile[];
  labels: Int32Array;
  /** First cohort day with data (inclusive) and the end of usable cohorts (exclusive: today − H). */
  firstDay: number;
  dataEnd: number;
  windowDays: number;
  minWindowDays: number;
}

/** Escape counts of one class per unit and cohort day, as prefix sums so any window is summed in O(1). */
export class UnitPanel {
  private readonly total: Int32Array[];
  private readonly escaped: Int32Array[];
  private readonly fallback: Int32Array[];
  private readonly span: number;

  constructor(
    counts: readonly CohortCount[],
    findingClass: string | null,
    private readonly units: readonly string[],
    private readonly firstDay: number,
    dataEnd: number,
  ) {
    const span = Math.max(0, dataEnd - firstDay);
    this.span = span;
    const index = new Map(units.map((u, i) => [u, i]));
    const make = () => units.map(() => new Int32Array(span + 1));
    this.total = make();
    this.escaped = make();
    this.fallback = make();
    for (const c of counts) {
      if (findingClass !== null && c.findingClass !== findingClass) continue;
      const u = index.get(c.unit);
      const d = dayNumber(c.cohortDate) - firstDay;
      if (u === undefined || d < 0 || d >= span) continue;
      if (![c.total, c.escaped, c.fallback].every((n) => Number.isInteger(n) && n >= 0) || c.escaped > c.total || c.fallback > c.total) {
        throw new RangeError(`Cohort counts must be whole numbers with escaped and fallback at most total, got ${JSON.stringify(c)}`);
      }
      this.total[u][d + 1] += c.total;
      this.escaped[u][d + 1] += c.escaped;
      this.fallback[u][d + 1] += c.fallback;
    }
    for (const arrays of [this.total, this.escaped, this.fallback]) {
      for (const a of arrays) for (let i = 1; i <= span; i++) a[i] += a[i - 1];
    }
  }

  /** Counts of unit u with cohort day in [from, to). */
  window(u: number, from: number, to: number): { total: number; escaped: number; fallback: number } {
    const sum = { total: 0, escaped: 0, fallback: 0 };
    this.addWindow([u], from, to, sum);
    return sum;
  }

  /** Adds the counts of the units with cohort day in [from, to) to `sum` (no allocation: permutations call this often). */
  addWindow(units: readonly number[], from: number, to: number, sum: { total: number; escaped: number; fallback: number }): void {
    const span = this.span;
    const a = Math.min(span, Math.max(0, from - this.firstDay));
    const b = Math.min(span, Math.max(0, to - this.firstDay));
    if (b <= a) return;
    for (const u of units) {
      sum.total += this.total[u][b] - this.total[u][a];
      sum.escaped += this.escaped[u][b] - this.escaped[u][a];
      sum.fallback += this.fallback[u][b] - this.fallback[u][a];
    }
  }

  get unitCount(): number {
    return this.units.length;
  }
}

/** Usable days either side of an adoption: the window, cut by the data's start, its end and a retirement. */
export function eventWindow(design: StackedDesign, profile: AdoptionProfile): number | null {
  const w = Math.min(design.windowDays, profile.start - design.firstDay, design.dataEnd - profile.start, profile.end - profile.start);
  return w >= design.minWindowDays ? w : null;
}

interface EventArms {
  profile: AdoptionProfile;
  window: number;
  treated: number[];
  controls: number[];
}

/**
 * The events of a labelling: one per adoption profile with a usable window, its adopting units, and its
 * clean controls — units never adopting, or adopting only after this event's after-window has ended (not yet
 * adopted), compared over the same calendar days.
 */
function events(design: StackedDesign, labels: Int32Array): EventArms[] {
  const result: EventArms[] = [];
  design.profiles.forEach((profile, g) => {
    const window = eventWindow(design, profile);
    if (window === null) return;
    const treated: number[] = [];
    const controls: number[] = [];
    for (let u = 0; u < labels.length; u++) {
      const label = labels[u];
      if (label === g) treated.push(u);
      else if (label === -1 || design.profiles[label].start >= profile.start + window) controls.push(u);
    }
    if (treated.length > 0) result.push({ profile, window, treated, controls });
  });
  return result;
}

function sumWindow(panel: UnitPanel, units: readonly number[], from: number, to: number) {
  const sum = { total: 0, escaped: 0, fallback: 0 };
  panel.addWindow(units, from, to, sum);
  return sum;
}

function wilsonTerm(coefficient: number, c: EscapeCounts): MoverTerm {
  return { coefficient, estimate: c.escaped / c.total, ...wilsonInterval(c.escaped, c.total, Z_95) };
}

export interface StackedEstimate {
  /** Weighted mean over events of (treated after − before) − (control after − before), weights = treated findings. */
  estimate: number;
  /** MOVER over every event's four Wilson intervals (findings independent; controls shared by events counted once per event). */
  mover: MoverInterval;
  /** Counts summed over events (a control unit in two events counts twice). */
  treated: { before: EscapeCounts; after: EscapeCounts };
  control: { before: EscapeCounts; after: EscapeCounts };
  adoptingUnits: number;
  controlUnits: number;
  events: number;
  /** Findings in the compared windows whose cohort date is a fallback, and all of them. */
  fallback: number;
  findings: number;
}

/**
 * Stacked difference in differences (Cengiz, Dube, Lindner & Zipperer 2019; Wing, Freedman & Hollingsworth
 * 2024): each adoption is compared around its own start with its own clean controls, and the per-adoption
 * differences are averaged, weighted by the adopters' findings. Already-adopted units never serve as
 * controls, which avoids the "forbidden comparisons" of two-way fixed-effects regressions with staggered
 * timing (Goodman-Bacon 2021). With a single adoption this is the ordinary difference in differences of the
 * pooled rates. An event whose adopters or controls have no findings in a window is left out; null if none
 * remains.
 */
export function stackedEstimate(panel: UnitPanel, design: StackedDesign, labels: Int32Array = design.labels, withInterval = true): StackedEstimate | null {
  let weightSum = 0;
  let weighted = 0;
  const parts: { weight: number; cells: EscapeCounts[] }[] = [];
  const add = (a: EscapeCounts, b: EscapeCounts) => ({ escaped: a.escaped + b.escaped, total: a.total + b.total });
  const zero = { escaped: 0, total: 0 };
  let tb = zero, ta = zero, cb = zero, ca = zero;
  const adopting = new Set<number>();
  const controlling = new Set<number>();
  let fallback = 0;
  let findings = 0;
  for (const e of events(design, labels)) {
    const s = e.profile.start;
    const before = sumWindow(panel, e.treated, s - e.window, s);
    const after = sumWindow(panel, e.treated, s, s + e.window);
    const cBefore = sumWindow(panel, e.controls, s - e.window, s);
    const cAfter = sumWindow(panel, e.controls, s, s + e.window);
    if (before.total === 0 || after.total === 0 || cBefore.total === 0 || cAfter.total === 0) continue;
    const did = after.escaped / after.total - before.escaped / before.total - (cAfter.escaped / cAfter.total - cBefore.escaped / cBefore.total);
    const weight = before.total + after.total;
    weightSum += weight;
    weighted += weight * did;
    if (!withInterval) continue;
    parts.push({ weight, cells: [after, before, cAfter, cBefore] });
    tb = add(tb, before);
    ta = add(ta, after);
    cb = add(cb, cBefore);
    ca = add(ca, cAfter);
    e.treated.forEach((u) => adopting.add(u));
    e.controls.forEach((u) => controlling.add(u));
    for (const c of [before, after, cBefore, cAfter]) {
      fallback += c.fallback;
      findings += c.total;
    }
  }
  if (weightSum === 0) return null;
  const estimate = weighted / weightSum;
  const terms: MoverTerm[] = [];
  for (const p of parts) {
    const share = p.weight / weightSum;
    [1, -1, -1, 1].forEach((sign, i) => terms.push(wilsonTerm(sign * share, p.cells[i])));
  }
  const mover = withInterval ? moverLinearCombination(terms) : { estimate, low: estimate, high: estimate };
  return {
    estimate,
    mover: { ...mover, estimate },
    treated: { before: tb, after: ta },
    control: { before: cb, after: ca },
    adoptingUnits: adopting.size,
    controlUnits: controlling.size,
    events: parts.length,
    fallback,
    findings,
  };
}

export interface EventStudyPoint {
  /** Quarter relative to adoption: −1 is the last quarter before (the reference, always 0), 0 the first after. */
  quarter: number;
  estimate: number | null;
  low: number | null;
  high: number | null;
}

/**
 * Event study: per 91-day quarter relative to each adoption, the difference in differences against the quarter
 * just before adoption (the reference), stacked over events as above with MOVER intervals. Before adoption the
 * points should sit around 0; a drift there means the adopters were already moving differently
 * (Roth 2022 on what such pre-tests can and cannot show). A quarter is used only where it lies wholly inside
 * the event's usable window.
 */
export function eventStudy(panel: UnitPanel, design: StackedDesign, labels: Int32Array = design.labels, withIntervals = true): EventStudyPoint[] {
  const quarters = Math.floor(design.windowDays / QUARTER_DAYS);
  const list = events(design, labels);
  const points: EventStudyPoint[] = [];
  for (let k = -quarters; k < quarters; k++) {
    if (k === -1) {
      points.push({ quarter: k, estimate: 0, low: 0, high: 0 });
      continue;
    }
    let weightSum = 0;
    let weighted = 0;
    const parts: { weight: number; cells: EscapeCounts[] }[] = [];
    for (const e of list) {
      const s = e.profile.start;
      const from = s + k * QUARTER_DAYS;
      const to = from + QUARTER_DAYS;
      if (from < s - e.window || to > s + e.window) continue;
      const tk = sumWindow(panel, e.treated, from, to);
      const tr = sumWindow(panel, e.treated, s - QUARTER_DAYS, s);
      const ck = sumWindow(panel, e.controls, from, to);
      const cr = sumWindow(panel, e.controls, s - QUARTER_DAYS, s);
      if (tk.total === 0 || tr.total === 0 || ck.total === 0 || cr.total === 0) continue;
      const did = tk.escaped / tk.total - tr.escaped / tr.total - (ck.escaped / ck.total - cr.escaped / cr.total);
      const weight = tk.total + tr.total;
      weightSum += weight;
      weighted += weight * did;
      if (withIntervals) parts.push({ weight, cells: [tk, tr, ck, cr] });
    }
    if (weightSum === 0) {
      points.push({ quarter: k, estimate: null, low: null, high: null });
      continue;
    }
    const estimate = weighted / weightSum;
    if (!withIntervals) {
      points.push({ quarter: k, estimate, low: null, high: null });
      continue;
    }
    const terms: MoverTerm[] = [];
    for (const p of parts) [1, -1, -1, 1].forEach((sign, i) => terms.push(wilsonTerm((sign * p.weight) / weightSum, p.cells[i])));
    const interval = moverLinearCombination(terms);
    points.push({ quarter: k, estimate, low: interval.low, high: interval.high });
  }
  return points;
}

/** The pre-trend statistic: the sum of squared event-study estimates before the reference quarter (null if none). */
export function preTrendStatistic(points: readonly EventStudyPoint[]): number | null {
  const pre = points.filter((p) => p.quarter < -1 && p.estimate !== null);
  return pre.length ? pre.reduce((sum, p) => sum + p.estimate! ** 2, 0) : null;
}
