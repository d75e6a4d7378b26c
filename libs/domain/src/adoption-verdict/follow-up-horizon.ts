import { isEscape, type DetectionStage } from '../model/detection-stage';
import { kaplanMeier, type SurvivalObservation } from '../statistics/kaplan-meier';
import { type HorizonRule, type IsoDay, type VerdictFinding } from './verdict-input';

const DAY = 86_400_000;

/**
 * Days already parsed: a verdict asks for the same few hundred days hundreds of thousands of times (every
 * input row's cohort and detection day, in each pass), and parsing a date was its largest single cost.
 * Bounded, since days are only looked up again, never changed.
 */
const dayNumbers = new Map<string, number>();
const MAX_REMEMBERED_DAYS = 100_000;

/** Day number (days since 1970-01-01, UTC) of an ISO day. */
export function dayNumber(day: IsoDay): number {
  const known = dayNumbers.get(day);
  if (known !== undefined) return known;
  const ms = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`Not a day: ${day}`);
  const number = Math.floor(ms / DAY);
  if (dayNumbers.size >= MAX_REMEMBERED_DAYS) dayNumbers.clear();
  dayNumbers.set(day, number);
  return number;
}

export function isoDay(dayNo: number): IsoDay {
  return new Date(dayNo * DAY).toISOString().slice(0, 10);
}

export interface FollowUpHorizon {
  /** H: an escape counts only when first detected within H days of the flaw's introduction. */
  horizonDays: number;
  rule: HorizonRule;
  /** Whether H came from the data (false: the rule fixed it, or there were too few dated escapes). */
  estimated: boolean;
  /** Findings with a real introduction date that entered the estimate, and the escapes among them. */
  findings: number;
  escapes: number;
  /** Kaplan–Meier estimate of the share of findings that escape within the longest follow-up observed. */
  eventualEscapeShare: number | null;
  /**
   * Estimated share of those escapes that arrive more than H days after introduction — escapes the
   * comparison does not count. A lower bound: escapes later than any follow-up observed are not seen at all.
   */
  shareAfterHorizon: number | null;
  words: string;
}

/** H when the data cannot give one (no dated escapes): half a year. */
export const FALLBACK_HORIZON_DAYS = 182;

/**
 * The follow-up horizon for one boundary, from the organisation's own detection delays. Each finding with a
 * real introduction date is followed from introduction; the event is its first detection at or after the
 * boundary (an escape), at delay = first detection − introduction; a finding first detected earlier never
 * escapes, and is censored at its follow-up so far (now − introduction). Kaplan–Meier then gives F(t), the
 * share escaped by delay t, and H is the smallest t with F(t) ≥ q·F(longest follow-up) — the q-quantile of the
 * delay among escapes (rule default q = 0.9), rounded up to whole days.
 *
 * Fallback-dated findings are left out: their delay is 0 by construction. What it cannot tell: flaws that
 * have not been detected at all are in no risk set, so recent cohorts' late escapes are missing from the
 * denominator as well as the numerator; and escapes later than the longest follow-up are invisible.
 */
export function followUpHorizon(findings: readonly VerdictFinding[], boundary: DetectionStage, rule: HorizonRule, now: IsoDay): FollowUpHorizon {
  return horizonFromObservations(horizonObservations(findings, boundary, now), boundary, rule);
}

/**
 * The survival data behind the horizon: one observation per finding with a real introduction date (fallback-
 * dated ones left out, their delay is 0 by construction), an escape at its delay, else censored at its
 * follow-up so far. A database can group the same observations by time and event instead (the estimate only
 * needs their counts).
 */
export function horizonObservations(findings: readonly VerdictFinding[], boundary: DetectionStage, now: IsoDay): SurvivalObservation[] {
  const today = dayNumber(now);
  const observations: SurvivalObservation[] = [];
  for (const f of findings) {
    if (f.cohortDateIsFallback) continue;
    const cohort = dayNumber(f.cohortDate);
    if (cohort > today) continue;
    const detected = dayNumber(f.firstDetectedAt);
    const escaped = isEscape(f.firstStage, boundary) && detected <= today;
    const count = f.count ?? 1;
    observations.push(escaped ? { time: Math.max(0, detected - cohort), event: true, count } : { time: today - cohort, event: false, count });
  }
  return observations;
}

/** The horizon from survival observations (see `horizonObservations` for what they are). */
export function horizonFromObservations(observations: readonly SurvivalObservation[], boundary: DetectionStage, rule: HorizonRule): FollowUpHorizon {
  const curve = kaplanMeier(observations);
  const finalSurvival = curve.steps.length ? curve.steps[curve.steps.length - 1].survival : 1;
  const eventual = curve.steps.length ? 1 - finalSurvival : null;
  const escapedBy = (t: number) => {
    let s = 1;
    for (const step of curve.steps) {
      if (step.time > t) break;
      s = step.survival;
    }
    return 1 - s;
  };
  const base = { rule, findings: curve.subjects, escapes: curve.events, eventualEscapeShare: eventual };
  const shareAfter = (h: number) => (eventual ? Math.max(0, 1 - escapedBy(h) / eventual) : null);
  if (rule.kind === 'days') {
    if (!(Number.isInteger(rule.days) && rule.days >= 0)) throw new RangeError(`A horizon in days must be a whole number >= 0, got ${rule.days}`);
    const share = shareAfter(rule.days);
    return { ...base, horizonDays: rule.days, estimated: false, shareAfterHorizon: share, words: `H = ${rule.days} days, fixed by the analysis settings${describeShare(share)}.` };
  }
  if (!(rule.quantile > 0 && rule.quantile < 1)) throw new RangeError(`A horizon quantile must be between 0 and 1, got ${rule.quantile}`);
  if (!eventual) {
    return { ...base, horizonDays: FALLBACK_HORIZON_DAYS, estimated: false, shareAfterHorizon: null, words: `No escape with a known introduction date, so H could not be estimated; ${FALLBACK_HORIZON_DAYS} days is used.` };
  }
  const step = curve.steps.find((s) => 1 - s.survival >= rule.quantile * eventual - 1e-12)!;
  const horizonDays = Math.ceil(step.time);
  const share = shareAfter(horizonDays);
  return {
    ...base,
    horizonDays,
    estimated: true,
    shareAfterHorizon: share,
    words: `H = ${horizonDays} days: the ${Math.round(rule.quantile * 100)}th percentile of the delay from introduction to an escape past ${boundary} (Kaplan–Meier over ${curve.subjects} findings, censored at today)${describeShare(share)}.`,
  };
}

function describeShare(share: number | null): string {
  return share === null ? '' : `; an estimated ${(share * 100).toFixed(0)}% of escapes arrive later and are not counted`;
}
