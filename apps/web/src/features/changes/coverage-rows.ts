import type { ChangeCoveragePointDto } from '@escapement/domain';

export interface CoverageRow {
  period: string;
  [team: string]: number | string | null;
}

/**
 * One row per month with, per team, the share of its changes that carried all four context flags (null
 * in a month the team recorded no change, so the line shows a gap rather than a fall to zero).
 */
export function coverageRows(points: readonly ChangeCoveragePointDto[]): { rows: CoverageRow[]; teams: string[] } {
  const teams = [...new Set(points.map((p) => p.teamName ?? 'No team'))].sort();
  const byPeriod = new Map<string, CoverageRow>();
  for (const point of points) {
    const row = byPeriod.get(point.period) ?? (Object.fromEntries([['period', point.period], ...teams.map((t) => [t, null])]) as CoverageRow);
    row[point.teamName ?? 'No team'] = point.changes > 0 ? point.all / point.changes : null;
    byPeriod.set(point.period, row);
  }
  return { rows: [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period)), teams };
}
