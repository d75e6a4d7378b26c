import { classifyFinding } from '../classification/classify-finding';
import { firstDetectedStage, isEscape, stageRank } from '../model/detection-stage';
import { DEFAULT_STAGE_OF_SOURCE } from '../model/finding';
import { demoFindings } from './demo-findings';
import { demoOrganisation } from './demo-organisation';
import type { DemoFinding, DemoOptions } from './demo-types';

const END = new Date('2025-06-30T00:00:00Z');

function escapeRate(findings: readonly DemoFinding[]): { rate: number; total: number } {
  const escaped = findings.filter((finding) => isEscape(firstDetectedStage(finding.detections), 'ci'));
  return { rate: escaped.length / findings.length, total: findings.length };
}

function share(findings: readonly DemoFinding[], predicate: (finding: DemoFinding) => boolean): number {
  return findings.filter(predicate).length / findings.length;
}

describe(demoFindings.name, () => {
  const options: DemoOptions = { end: END };
  const sut = (overrides: DemoOptions = {}) => [...demoFindings({ ...options, ...overrides })];
  let findings: DemoFinding[];

  beforeAll(() => {
    findings = sut();
  });

  describe('determinism', () => {
    it('yields identical findings for the same seed and options', () => {
      expect(sut({ findings: 500, seed: 3 })).toEqual(sut({ findings: 500, seed: 3 }));
    });

    it('yields different findings for another seed', () => {
      expect(sut({ findings: 50, seed: 4 })).not.toEqual(sut({ findings: 50, seed: 3 }));
    });

    it('yields a prefix of the larger set when asked for fewer', () => {
      expect(sut({ findings: 300 })).toEqual(findings.slice(0, 300));
    });

    it('checks its options before the first finding is asked for', () => {
      expect(() => demoFindings({ findings: -5 })).toThrow(RangeError);
    });

    it('streams: a million findings start at once, without building them all', () => {
      const stream = demoFindings({ ...options, findings: 1_000_000 });
      const first = [stream.next().value, stream.next().value];
      expect(first).toEqual(findings.slice(0, 2));
    });
  });

  describe('shape', () => {
    it('yields 6000 findings by default with unique fingerprints', () => {
      expect(findings).toHaveLength(6000);
      expect(new Set(findings.map((finding) => finding.fingerprint)).size).toBe(6000);
    });

    it("places every finding in a known service and that service's repository", () => {
      const { services } = demoOrganisation(options);
      const repositoryOf = new Map(services.map((service) => [service.name, service.repositoryPatterns]));
      const misplaced = findings.filter(
        ({ service, location, title }) =>
          !repositoryOf.get(service)?.includes(location.repo) || location.path === '' || location.line < 1 || /[{}]/.test(title),
      );
      expect(misplaced).toEqual([]);
    });

    it('detects every finding at a stage consistent with its source, after it was introduced, inside the window', () => {
      const start = '2023-12-30T00:00:00.000Z';
      const end = END.toISOString();
      const problems = findings.flatMap((finding) => {
        const { detections } = finding;
        const first = detections[0];
        const found: string[] = [];
        if (!first) return [`${finding.fingerprint}: no detection`];
        if (first.sourceKind !== finding.sourceKind || first.tool !== finding.tool) found.push('first detection is not the source');
        if (finding.introducedAt < start || first.detectedAt < finding.introducedAt) found.push('detected before introduced');
        detections.forEach((detection, i) => {
          if (detection.stage !== DEFAULT_STAGE_OF_SOURCE[detection.sourceKind]) found.push(`${detection.sourceKind} at ${detection.stage}`);
          if (detection.detectedAt > end) found.push('detected after the window');
          const earlier = detections[i - 1];
          if (earlier && !(detection.detectedAt > earlier.detectedAt && stageRank(detection.stage) > stageRank(earlier.stage))) {
            found.push('detections not in time and stage order');
          }
        });
        return found.map((problem) => `${finding.fingerprint}: ${problem}`);
      });
      expect(problems).toEqual([]);
    });

    it('detects about one in ten findings a second time', () => {
      const twice = share(findings, (finding) => finding.detections.length > 1);
      expect(twice).toBeGreaterThan(0.07);
      expect(twice).toBeLessThan(0.13);
    });

    it('dismisses about 3% and has about 30% fixed', () => {
      const dismissed = share(findings, (finding) => finding.status === 'suppressed' || finding.status === 'false_positive');
      expect(dismissed).toBeGreaterThan(0.015);
      expect(dismissed).toBeLessThan(0.045);
      const fixed = share(findings, (finding) => finding.status === 'fixed');
      expect(fixed).toBeGreaterThan(0.25);
      expect(fixed).toBeLessThan(0.35);
    });

    it('gives the classifier enough to classify everything but the "other" source', () => {
      const misclassified = findings.filter(
        (finding) => (classifyFinding(finding).findingClass === 'unclassified') !== (finding.sourceKind === 'other'),
      );
      expect(misclassified).toEqual([]);
      const design = share(findings, (finding) => classifyFinding(finding).findingClass === 'design');
      expect(design).toBeGreaterThan(0.2);
      expect(design).toBeLessThan(0.4);
    });
  });

  describe.each([42, 7, 2024])('the adoption effect with seed %i', (seed) => {
    let seeded: DemoFinding[];
    let teamOf: Map<string, string>;
    let adoptedOn: Map<string, string>;

    beforeAll(() => {
      seeded = seed === 42 ? findings : sut({ seed });
      const organisation = demoOrganisation({ ...options, seed });
      teamOf = new Map(organisation.services.map((service) => [service.name, service.team]));
      adoptedOn = new Map(organisation.adoptions.map((adoption) => [adoption.team, adoption.startedAt]));
    });

    const ofTeam = (team: string, findingClass: 'design' | 'pattern') =>
      seeded.filter((finding) => teamOf.get(finding.service) === team && classifyFinding(finding).findingClass === findingClass);

    it.each(['Payments', 'Identity', 'Mobile'])('cuts %s design-level escapes clearly after adoption', (team) => {
      const design = ofTeam(team, 'design');
      const startedAt = adoptedOn.get(team)!;
      const before = escapeRate(design.filter((finding) => finding.introducedAt < startedAt));
      const after = escapeRate(design.filter((finding) => finding.introducedAt >= startedAt));
      expect(before.total).toBeGreaterThan(80);
      expect(after.total).toBeGreaterThan(80);
      expect(before.rate).toBeGreaterThan(0.45);
      expect(after.rate).toBeLessThan(0.32);
      expect(before.rate - after.rate).toBeGreaterThan(0.25);
    });

    it.each(['Payments', 'Identity', 'Mobile'])('leaves %s pattern-level escapes roughly flat', (team) => {
      const pattern = ofTeam(team, 'pattern');
      const startedAt = adoptedOn.get(team)!;
      const before = escapeRate(pattern.filter((finding) => finding.introducedAt < startedAt));
      const after = escapeRate(pattern.filter((finding) => finding.introducedAt >= startedAt));
      expect(Math.abs(before.rate - after.rate)).toBeLessThan(0.1);
    });

    it.each(['Platform', 'Data'])('leaves control team %s flat', (team) => {
      const design = ofTeam(team, 'design');
      const middle = '2024-09-29';
      const first = escapeRate(design.filter((finding) => finding.introducedAt < middle));
      const second = escapeRate(design.filter((finding) => finding.introducedAt >= middle));
      expect(first.rate).toBeGreaterThan(0.4);
      expect(Math.abs(first.rate - second.rate)).toBeLessThan(0.15);
    });
  });
});
