import type { DemoOptions } from './demo-types';

export const DEFAULT_DEMO_SEED = 42;
export const DEFAULT_DEMO_FINDINGS = 6000;
export const DEFAULT_DEMO_MONTHS = 18;

export const DAY_MS = 86_400_000;

/** Options with every default applied and the time window worked out once. */
export interface DemoWindow {
  seed: number;
  findings: number;
  months: number;
  startMs: number;
  endMs: number;
  /** When the data is looked at: no detection after it (at least `endMs`). */
  nowMs: number;
}

/** The same calendar day `months` earlier, clamped to the month's length (31 March - 1 = 28/29 February). */
function subtractUtcMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const firstOfTarget = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1);
  const target = new Date(firstOfTarget);
  const daysInTarget = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), daysInTarget);
  return firstOfTarget + (day - 1) * DAY_MS + (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

/** Rejects options that would make the demo silently wrong rather than producing odd data. */
export function resolveDemoWindow(options: DemoOptions = {}, now: () => Date = () => new Date()): DemoWindow {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const findings = options.findings ?? DEFAULT_DEMO_FINDINGS;
  const months = options.months ?? DEFAULT_DEMO_MONTHS;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`demo seed must be an integer, got ${seed}`);
  if (!Number.isInteger(findings) || findings < 0 || findings > 0xffffffff) {
    throw new RangeError(`demo findings must be an integer in [0, 2^32), got ${findings}`);
  }
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new RangeError(`demo months must be an integer in [1, 120], got ${months}`);
  }
  // Truncated to the day so that two runs on the same day agree without naming an end.
  const endMs = options.end?.getTime() ?? Math.floor(now().getTime() / DAY_MS) * DAY_MS;
  if (!Number.isFinite(endMs)) throw new RangeError('demo end must be a valid date');
  const nowMs = options.now?.getTime() ?? endMs;
  if (!Number.isFinite(nowMs) || nowMs < endMs) throw new RangeError('demo now must be a valid date, not before the end of the window');
  return { seed, findings, months, startMs: subtractUtcMonths(endMs, months), endMs, nowMs };
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
