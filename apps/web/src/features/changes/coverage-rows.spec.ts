import { coverageRows } from './coverage-rows';

const point = (period: string, teamName: string | null, changes: number, all: number) => ({
  period,
  teamId: teamName,
  teamName,
  changes,
  all,
  threatModelLinked: all,
  acceptanceCriteria: all,
  promptContext: all,
  reviewedAgainstModel: all,
});

describe(coverageRows.name, () => {
  it('gives each team its share of changes with full context per month, and a gap where it had none', () => {
    const sut = coverageRows([point('2026-02-01', 'Payments', 4, 3), point('2026-01-01', 'Payments', 4, 1), point('2026-01-01', null, 2, 0)]);
    expect(sut.teams).toEqual(['No team', 'Payments']);
    expect(sut.rows).toEqual([
      { period: '2026-01-01', Payments: 0.25, 'No team': 0 },
      { period: '2026-02-01', Payments: 0.75, 'No team': null },
    ]);
  });
});
