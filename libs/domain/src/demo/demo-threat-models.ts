import { demoPlan } from './demo-organisation';
import { DEMO_SERVICE_PROFILES } from './demo-services';
import { demoThreatModelDocument } from './demo-threat-model-document';
import { DEMO_THREAT_MODEL_PLANS } from './demo-threat-model-plans';
import type { DemoOptions, DemoThreatModel } from './demo-types';
import { DAY_MS, type DemoWindow } from './demo-window';
import { isoTimestamp } from './iso-timestamp';
import { Random } from './random';

/** Its own random stream, so that models do not shift the organisation's or the findings' draws. */
const THREAT_MODEL_STREAM = 3;
/** First versions are written in the first weeks of the window: between these fractions of it. */
const FIRST_VERSION_AT: readonly [number, number] = [0.03, 0.08];
/** Teams feed the revised model into development, so they revise it one to three weeks before adopting. */
const REVISION_LEAD_DAYS: readonly [number, number] = [7, 21];
/** Teams that never adopt revise their models anyway, a little after the middle of the window. */
const CONTROL_REVISION_AT = 10 / 18;
const CONTROL_REVISION_JITTER_DAYS = 12;

/**
 * The demo organisation's threat models, two versions each, for every service but platform-infra and
 * analytics-api. Load them before the findings (`demoFindings` with the same options), so that findings
 * link as they arrive; a finding is a context gap when a threat it realises was in a version effective
 * before it was introduced.
 */
export function demoThreatModels(options: DemoOptions = {}): DemoThreatModel[] {
  const { window, teams } = demoPlan(options);
  const random = new Random(window.seed, THREAT_MODEL_STREAM);
  return DEMO_THREAT_MODEL_PLANS.map((plan) => {
    const profile = DEMO_SERVICE_PROFILES.find((candidate) => candidate.name === plan.service)!;
    const adoptedAtMs = teams.get(profile.team)!.adoptedAtMs;
    const firstMs = atMidnight(window.startMs + random.between(...FIRST_VERSION_AT) * span(window));
    const revisedMs =
      adoptedAtMs === null
        ? atMidnight(window.startMs + CONTROL_REVISION_AT * span(window)) + random.int(-CONTROL_REVISION_JITTER_DAYS, CONTROL_REVISION_JITTER_DAYS) * DAY_MS
        : adoptedAtMs - random.int(...REVISION_LEAD_DAYS) * DAY_MS;
    return {
      service: plan.service,
      versions: [
        { effectiveFrom: isoTimestamp(firstMs), document: demoThreatModelDocument(plan, profile.repo, 1) },
        // A short window could put the revision before the first version; it always follows it.
        { effectiveFrom: isoTimestamp(Math.max(revisedMs, firstMs + DAY_MS)), document: demoThreatModelDocument(plan, profile.repo, 2) },
      ],
    };
  });
}

function span(window: DemoWindow): number {
  return window.endMs - window.startMs;
}

function atMidnight(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}
