import { DemoCommitWeeks, demoChanges, demoContextShare } from './demo-changes';
import { demoFindings } from './demo-findings';
import { demoOrganisation } from './demo-organisation';

describe(demoChanges.name, () => {
  const options = { findings: 2000 };
  const organisation = demoOrganisation(options);
  const commits = [...demoFindings(options)].flatMap((f) => (f.introducedCommit && f.introducedAt ? [{ service: f.service, commit: f.introducedCommit, introducedAt: f.introducedAt }] : []));
  const sut = demoChanges(organisation, commits);

  it('puts every introducing commit in exactly one change of its service', () => {
    const owner = new Map<string, string>();
    for (const change of sut) for (const commit of change.commits) {
      expect(owner.has(commit)).toBe(false);
      owner.set(commit, change.service);
    }
    for (const c of commits) expect(owner.get(c.commit)).toBe(c.service);
  });

  it('gives adopting teams more changes with context after their adoption than before', () => {
    const adoption = organisation.adoptions[0];
    const services = new Set(organisation.services.filter((s) => s.team === adoption.team).map((s) => s.name));
    const share = (after: boolean) => {
      const changes = sut.filter((c) => services.has(c.service) && c.mergedAt >= adoption.startedAt === after);
      return changes.filter((c) => c.promptContext && c.threatModelLinked && c.acceptanceCriteria && c.reviewedAgainstModel).length / changes.length;
    };
    expect(share(true)).toBeGreaterThan(share(false) + 0.2);
  });

  it('is the same for the same seed', () => {
    expect(demoChanges(organisation, commits)).toEqual(sut);
  });

  it('is the same when the commits are taken one at a time, in any order, as a load meets them', () => {
    const weeks = new DemoCommitWeeks();
    for (const c of [...commits].reverse()) weeks.add(c.service, c.commit, c.introducedAt);
    expect(weeks.changes(organisation)).toEqual(sut);
  });

  it('splits a week with more commits than a change holds (10,000) into several changes of its service', () => {
    const service = organisation.services[0].name;
    const crowded = Array.from({ length: 25_001 }, (_, i) => ({ service, commit: i.toString(16).padStart(40, '0'), introducedAt: '2026-03-04T10:00:00.000Z' }));
    const changes = demoChanges(organisation, crowded);
    expect(changes.map((c) => c.commits.length)).toEqual([10_000, 10_000, 5_001]);
    expect(new Set(changes.map((c) => c.ref)).size).toBe(3);
    expect(changes.flatMap((c) => c.commits).sort()).toEqual(crowded.map((c) => c.commit).sort());
    for (const change of changes) expect(change.service).toBe(service);
  });
});

describe(demoContextShare.name, () => {
  it('is low before adoption and rises after it, capped', () => {
    const at = Date.parse('2026-01-01T00:00:00Z');
    expect(demoContextShare(null, at)).toBe(0.06);
    expect(demoContextShare(at, at - 1)).toBe(0.06);
    expect(demoContextShare(at, at + 30 * 86400000)).toBeCloseTo(0.43, 12);
    expect(demoContextShare(at, at + 3650 * 86400000)).toBe(0.88);
  });
});
