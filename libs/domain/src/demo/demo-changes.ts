import type { DemoOrganisation } from './demo-types';
import { Random } from './random';

const CHANGES_STREAM = 4;
const DAY_MS = 24 * 3600 * 1000;
const WEEK_MS = 7 * DAY_MS;
const AUTHORS = ['ana', 'bo', 'chen', 'dara', 'eli', 'femi', 'gus', 'hana'];
/**
 * The most commits a stored change holds (the database's bound): a service's week of a very large demo
 * (10M findings) is split into changes of at most this many; smaller demos never reach it.
 */
const MAX_COMMITS_PER_CHANGE = 10_000;

/** A flaw's introducing commit, as the demo findings carry it. */
export interface DemoCommit {
  service: string;
  commit: string;
  /** ISO timestamp. */
  introducedAt: string;
}

export interface DemoChange {
  service: string;
  ref: string;
  title: string;
  author: string;
  commits: string[];
  openedAt: string;
  mergedAt: string;
  aiAssisted: boolean;
  threatModelLinked: boolean | null;
  acceptanceCriteria: boolean | null;
  promptContext: boolean | null;
  reviewedAgainstModel: boolean | null;
}

/**
 * The share of a team's changes that carried threat context: rare before it adopted context-aware
 * practice, then rising month by month as the habit takes hold (never all of them).
 */
export function demoContextShare(adoptedAtMs: number | null, atMs: number): number {
  if (adoptedAtMs === null || atMs < adoptedAtMs) return 0.06;
  return Math.min(0.88, 0.35 + (0.08 * (atMs - adoptedAtMs)) / (30 * DAY_MS));
}

/** A service's week of introducing commits: one change, or several when it holds very many. */
interface CommitWeek {
  service: string;
  week: number;
  commits: Set<string>;
  lastMs: number;
}

/**
 * The introducing commits of a demo's findings, grouped by service and week as the findings come, so that
 * a load can take them in the one pass that stores the findings rather than generating every finding a
 * second time for its commit. `changes` then makes the changes of what was added.
 */
export class DemoCommitWeeks {
  private readonly groups = new Map<string, CommitWeek>();

  add(service: string, commit: string, introducedAt: string): void {
    const ms = Date.parse(introducedAt);
    const week = Math.floor(ms / WEEK_MS);
    const key = `${service}|${week}`;
    const group = this.groups.get(key);
    if (group) {
      group.commits.add(commit);
      group.lastMs = Math.max(group.lastMs, ms);
    } else {
      this.groups.set(key, { service, week, commits: new Set([commit]), lastMs: ms });
    }
  }

  /**
   * The demo organisation's changes: the commits added so far, one change per service and week (so every
   * finding with a commit links to its change through it), each carrying threat context with the team's
   * share at its merge time. Flags of a change without context are mostly false, sometimes unknown; a
   * change with context has all four true.
   */
  changes(organisation: DemoOrganisation, seed = 42): DemoChange[] {
    return changesOf(organisation, [...this.groups.values()], seed);
  }
}

/** The changes of a demo whose findings introduced `commits` (see `DemoCommitWeeks.changes`). */
export function demoChanges(organisation: DemoOrganisation, commits: readonly DemoCommit[], seed = 42): DemoChange[] {
  const weeks = new DemoCommitWeeks();
  for (const { service, commit, introducedAt } of commits) weeks.add(service, commit, introducedAt);
  return weeks.changes(organisation, seed);
}

function changesOf(organisation: DemoOrganisation, groups: readonly CommitWeek[], seed: number): DemoChange[] {
  const random = new Random(seed, CHANGES_STREAM);
  const teamOf = new Map(organisation.services.map((s) => [s.name, s.team]));
  const adoptedAt = new Map(organisation.adoptions.map((a) => [a.team, Date.parse(a.startedAt)]));
  const counters = new Map<string, number>();
  return [...groups]
    .sort((a, b) => a.service.localeCompare(b.service) || a.week - b.week)
    .flatMap((group) => {
      const sorted = [...group.commits].sort();
      const parts: { service: string; lastMs: number; commits: string[] }[] = [];
      for (let i = 0; i < sorted.length; i += MAX_COMMITS_PER_CHANGE) parts.push({ service: group.service, lastMs: group.lastMs, commits: sorted.slice(i, i + MAX_COMMITS_PER_CHANGE) });
      return parts;
    })
    .map((group) => {
      const number = (counters.get(group.service) ?? 100) + 1;
      counters.set(group.service, number);
      const mergedMs = group.lastMs + random.int(2, 30) * 3600 * 1000;
      const team = teamOf.get(group.service) ?? null;
      const withContext = random.chance(demoContextShare(team === null ? null : (adoptedAt.get(team) ?? null), mergedMs));
      const without = () => (random.chance(0.15) ? null : random.chance(0.1));
      return {
        service: group.service,
        ref: `!${number}`,
        title: `${group.service}: change ${number}`,
        author: AUTHORS[random.int(0, AUTHORS.length - 1)],
        commits: group.commits,
        openedAt: new Date(mergedMs - random.int(4, 72) * 3600 * 1000).toISOString(),
        mergedAt: new Date(mergedMs).toISOString(),
        aiAssisted: random.chance(0.7),
        threatModelLinked: withContext ? true : without(),
        acceptanceCriteria: withContext ? true : without(),
        promptContext: withContext ? true : without(),
        reviewedAgainstModel: withContext ? true : without(),
      };
    });
}
