import { demoOrganisation } from './demo-organisation';
import { CONTEXT_AWARE_PRACTICE } from './demo-services';

describe(demoOrganisation.name, () => {
  const end = new Date('2025-06-30T00:00:00Z');
  const sut = demoOrganisation;

  it('has five teams with two or three services each, each in its own repository', () => {
    const { teams, services } = sut({ end });
    expect(teams.map((team) => team.name)).toEqual(['Payments', 'Identity', 'Platform', 'Mobile', 'Data']);
    for (const team of teams) {
      const owned = services.filter((service) => service.team === team.name);
      expect(owned.length).toBeGreaterThanOrEqual(2);
      expect(owned.length).toBeLessThanOrEqual(3);
    }
    const repositories = services.flatMap((service) => service.repositoryPatterns);
    expect(new Set(repositories).size).toBe(repositories.length);
    for (const repository of repositories) expect(repository).toMatch(/^github\.com\/acme\/[a-z-]+$/);
  });

  it('has three teams adopt context-aware development, staggered between months 7 and 11 of 18', () => {
    const { adoptions } = sut({ end });
    expect(adoptions.map((adoption) => [adoption.team, adoption.practice])).toEqual([
      ['Payments', CONTEXT_AWARE_PRACTICE],
      ['Identity', CONTEXT_AWARE_PRACTICE],
      ['Mobile', CONTEXT_AWARE_PRACTICE],
    ]);
    const start = Date.parse('2023-12-30T00:00:00Z');
    const months = adoptions.map((adoption) => (Date.parse(adoption.startedAt) - start) / (30.4375 * 86_400_000));
    expect(months[0]).toBeGreaterThan(6.5);
    expect(months[2]).toBeLessThan(11.5);
    expect(months[0]).toBeLessThan(months[1]!);
    expect(months[1]).toBeLessThan(months[2]!);
    for (const adoption of adoptions) expect(adoption.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('is the same for the same seed, whatever the number of findings', () => {
    expect(sut({ end, seed: 9, findings: 10 })).toEqual(sut({ end, seed: 9 }));
  });

  it('moves adoption dates a little with the seed', () => {
    const dates = new Set([1, 2, 3, 4, 5].map((seed) => sut({ end, seed }).adoptions[0]!.startedAt));
    expect(dates.size).toBeGreaterThan(1);
  });
});
