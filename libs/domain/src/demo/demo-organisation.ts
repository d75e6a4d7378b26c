import { CONTEXT_AWARE_PRACTICE, DEMO_ADOPTION_PLAN, DEMO_SERVICE_PROFILES, DEMO_TEAMS } from './demo-services';
import type { DemoOptions, DemoOrganisation } from './demo-types';
import { DAY_MS, isoDate, resolveDemoWindow, type DemoWindow } from './demo-window';
import { Random } from './random';

/** Random stream for the organisation, apart from the findings' so the finding count cannot move adoption dates. */
const ORGANISATION_STREAM = 1;
const ADOPTION_JITTER_DAYS = 6;

/** What the finding generator needs to know about a team beyond its name. */
export interface DemoTeamModel {
  /** Midnight UTC of the adoption date, or null for a team in the control group. */
  adoptedAtMs: number | null;
  /** How much of the practice's effect the team really gets once adopted: 1 all of it, 0 none. */
  adoptionEffect: number;
  /** Around 1: how much more (or less) than average this team's flaws reach late stages. */
  escapeTilt: number;
  /** Phase of the slow drift in the team's escape rate, in radians. */
  driftPhase: number;
}

export interface DemoPlan {
  window: DemoWindow;
  organisation: DemoOrganisation;
  teams: ReadonlyMap<string, DemoTeamModel>;
}

/** The organisation and the per-team facts derived from the seed, shared by both demo entry points. */
export function demoPlan(options: DemoOptions = {}): DemoPlan {
  const window = resolveDemoWindow(options);
  const random = new Random(window.seed, ORGANISATION_STREAM);
  const organisation: DemoOrganisation = {
    teams: DEMO_TEAMS.map((name) => ({ name })),
    services: DEMO_SERVICE_PROFILES.map((profile) => ({
      name: profile.name,
      team: profile.team,
      repositoryPatterns: [profile.repo],
    })),
    adoptions: DEMO_ADOPTION_PLAN.map(({ team, at }) => {
      const jitterDays = random.int(-ADOPTION_JITTER_DAYS, ADOPTION_JITTER_DAYS);
      const startedAtMs = window.startMs + at * (window.endMs - window.startMs) + jitterDays * DAY_MS;
      return { team, practice: CONTEXT_AWARE_PRACTICE, startedAt: isoDate(startedAtMs) };
    }),
  };
  const teams = new Map<string, DemoTeamModel>();
  for (const name of DEMO_TEAMS) {
    const adoption = organisation.adoptions.find((candidate) => candidate.team === name);
    teams.set(name, {
      adoptedAtMs: adoption ? Date.parse(adoption.startedAt) : null,
      adoptionEffect: DEMO_ADOPTION_PLAN.find((plan) => plan.team === name)?.effect ?? 0,
      escapeTilt: random.between(0.85, 1.15),
      driftPhase: random.between(0, 2 * Math.PI),
    });
  }
  return { window, organisation, teams };
}

/** Teams, services and adoptions of the demo company; `demoFindings` with the same options belongs to it. */
export function demoOrganisation(options: DemoOptions = {}): DemoOrganisation {
  return demoPlan(options).organisation;
}
