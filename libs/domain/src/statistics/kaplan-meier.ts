/** One subject of a survival analysis: followed for `time`, and either the event happened then or it was censored. */
export interface SurvivalObservation {
  time: number;
  /** true: the event happened at `time`; false: follow-up ended at `time` without it (right-censored). */
  event: boolean;
  /** How many identical subjects this observation stands for (default 1): aggregated data need no expansion. */
  count?: number;
}

/** The Kaplan–Meier curve just after one distinct event time. */
export interface SurvivalStep {
  time: number;
  /** Subjects still followed just before `time` (time ≥ this one). */
  atRisk: number;
  events: number;
  /** Subjects censored at exactly `time` (counted at risk at `time`, the usual convention). */
  censored: number;
  /** Ŝ(time): estimated probability that the event has not happened by `time`. */
  survival: number;
  /** Greenwood's standard error of Ŝ(time). */
  standardError: number;
}

export interface KaplanMeierCurve {
  /** One step per distinct event time, in time order. */
  steps: SurvivalStep[];
  subjects: number;
  events: number;
  /** The longest follow-up of any subject: beyond it the curve says nothing. */
  maxTime: number;
}

/**
 * The Kaplan–Meier product-limit estimator, Ŝ(t) = Π over event times tᵢ ≤ t of (1 − dᵢ/nᵢ), with
 * Greenwood's variance Ŝ(t)²·Σ dᵢ/(nᵢ(nᵢ − dᵢ)) (Kaplan & Meier 1958; Collett, Modelling Survival Data in
 * Medical Research, 3rd ed., §2.1). Ties: events before censorings at the same time. Written here because it
 * is a dozen lines and must run in the browser as well as in Node.
 *
 * Assumes censoring is independent of the event time (a subject censored at t would have had the event at the
 * same rate as those still followed).
 */
export function kaplanMeier(observations: readonly SurvivalObservation[]): KaplanMeierCurve {
  for (const o of observations) {
    if (!(o.time >= 0 && Number.isFinite(o.time))) throw new RangeError(`kaplanMeier needs finite times >= 0, got ${o.time}`);
    if (o.count !== undefined && !(Number.isInteger(o.count) && o.count >= 0)) throw new RangeError(`kaplanMeier needs whole counts >= 0, got ${o.count}`);
  }
  const sorted = [...observations].sort((a, b) => a.time - b.time);
  const steps: SurvivalStep[] = [];
  let atRisk = sorted.reduce((n, o) => n + (o.count ?? 1), 0);
  const subjects = atRisk;
  let survival = 1;
  let greenwoodSum = 0;
  let events = 0;
  for (let i = 0; i < sorted.length; ) {
    const time = sorted[i].time;
    let d = 0;
    let c = 0;
    while (i < sorted.length && sorted[i].time === time) {
      if (sorted[i].event) d += sorted[i].count ?? 1;
      else c += sorted[i].count ?? 1;
      i++;
    }
    if (d > 0) {
      survival *= 1 - d / atRisk;
      greenwoodSum += atRisk > d ? d / (atRisk * (atRisk - d)) : 0;
      events += d;
      steps.push({ time, atRisk, events: d, censored: c, survival, standardError: survival * Math.sqrt(greenwoodSum) });
    }
    atRisk -= d + c;
  }
  return { steps, subjects, events, maxTime: sorted.length ? sorted[sorted.length - 1].time : 0 };
}

/** Ŝ(t): the curve's value at t (1 before the first event). */
export function survivalAt(curve: KaplanMeierCurve, t: number): number {
  let s = 1;
  for (const step of curve.steps) {
    if (step.time > t) break;
    s = step.survival;
  }
  return s;
}

/**
 * The p-quantile of the event time: the smallest event time t with Ŝ(t) ≤ 1 − p (the textbook definition,
 * Collett §2.4; the median is p = 0.5). Null when the curve never falls that far: the data cannot tell.
 */
export function survivalQuantile(curve: KaplanMeierCurve, p: number): number | null {
  if (!(p > 0 && p < 1)) throw new RangeError(`survivalQuantile needs 0 < p < 1, got ${p}`);
  const step = curve.steps.find((s) => s.survival <= 1 - p + 1e-12);
  return step ? step.time : null;
}
