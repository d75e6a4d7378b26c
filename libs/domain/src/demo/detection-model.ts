import type { DemoLevel } from './demo-weaknesses';
import type { Random } from './random';

/**
 * How likely a flaw is first found at each stage (design, code_review, ci, pre_release, production).
 * Design-level flaws escape past CI about 60% of the time without context-aware practice and about
 * 20% with it; pattern-level flaws are mostly caught by CI scanners either way, so practice aimed at
 * design flaws leaves them flat. The demo's charts exist to show exactly that contrast.
 */
const DESIGN_BEFORE = [0.15, 0.25, 0.05, 0.33, 0.22] as const;
const DESIGN_AFTER = [0.42, 0.36, 0.04, 0.12, 0.06] as const;
const PATTERN = [0.02, 0.16, 0.66, 0.11, 0.05] as const;

const PRE_RELEASE = 3;
const PRODUCTION = 4;

/** Practice takes a few weeks to reach every ticket and review, so its effect ramps in. */
export const ADOPTION_RAMP_DAYS = 45;

/** 0 before adoption, rising to 1 over the ramp; `daysSinceAdoption` is null for teams that never adopt. */
export function adoptionEffect(daysSinceAdoption: number | null): number {
  if (daysSinceAdoption === null || daysSinceAdoption < 0) return 0;
  return Math.min(1, daysSinceAdoption / ADOPTION_RAMP_DAYS);
}

/**
 * Stage weights for one finding. `escapeTilt` (around 1) scales the late stages, so teams differ a
 * little and drift over time like real ones; `available` masks stages where nobody can find the
 * weakness, and the rest are used in proportion.
 */
export function stageWeights(level: DemoLevel, effect: number, escapeTilt: number, available: readonly boolean[]): number[] {
  return PATTERN.map((patternWeight, stage) => {
    if (!available[stage]) return 0;
    const base =
      level === 'design' ? DESIGN_BEFORE[stage] + (DESIGN_AFTER[stage] - DESIGN_BEFORE[stage]) * effect : patternWeight;
    return stage === PRE_RELEASE || stage === PRODUCTION ? base * escapeTilt : base;
  });
}

/**
 * Days from introduction to detection at each stage: [shortest, longest, skew]; the delay is
 * shortest + (longest - shortest) * u^skew, so a higher skew piles delays up near the shortest. Production
 * escapes surface up to a year later: about 60% within 90 days, 90% within ~270 and 95% within ~315, the
 * long tail that makes young cohorts look better than they are.
 */
const DELAY_DAYS: readonly (readonly [number, number, number])[] = [
  [0.2, 7, 2],
  [0.05, 3, 2],
  [0.01, 1.5, 2],
  [4, 120, 2],
  [14, 365, 3],
];

export function detectionDelayDays(stage: number, random: Random): number {
  const [shortest, longest, skew] = DELAY_DAYS[stage];
  return shortest + (longest - shortest) * random.next() ** skew;
}
