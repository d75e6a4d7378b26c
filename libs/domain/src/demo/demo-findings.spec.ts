import { classifyFinding } from '../classification/classify-finding';
import { firstDetectedStage, isEscape, stageRank } from '../model/detection-stage';
import { DEFAULT_STAGE_OF_SOURCE } from '../model/finding';
import { demoFindings } from './demo-findings';
import { demoOrganisation } from './demo-organisation';
import type { DemoFinding, DemoOptions } from './demo-types';

const END = new Date('2025-06-30T00:00:00Z');
const DAY_MS = 86_400_000;
/** Long enough after the window for every flaw of it to have been found: the complete population. */
const LATER = new Date(END.getTime() + 400 * DAY_MS);
const SCANNERS = new Set(['sast', 'sca', 'secrets', 'iac']);

/** As the product dates a finding: when it was introduced, else when it was first found. */
const cohortDate = (finding: DemoFinding) => finding.introducedAt ?? finding.detections[0].detectedAt;
const delayDays = (finding: DemoFinding) => (Date.parse(finding.detections[0].detectedAt) - Date.parse(finding.introducedAt!)) / DAY_MS;

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
  let complete: DemoFinding[];

  beforeAll(() => {
    findings = sut();
    complete = sut({ now: LATER });
  });

  describe('determinism', () => {
    it('yields identical findings for the same seed and options', () => {
      expect(sut({ findings: 500, seed: 3 })).toEqual(sut({ findings: 500, seed: 3 }));
    });

    it('yields different findings for another seed', () => {
      expect(sut({ findings: 50, seed: 4 })).not.toEqual(sut({ findings: 50, seed: 3 }));
    });

    it('yields a prefix of the larger set when asked for fewer', () => {
      const fewer = sut({ findings: 300 });
      expect(fewer.length).toBeGreaterThan(250);
      expect(fewer).toEqual(findings.slice(0, fewer.length));
    });

    it('checks its options before the first finding is asked for', () => {
      expect(() => demoFindings({ findings: -5 })).toThrow(RangeError);
      expect(() => demoFindings({ end: END, now: new Date(END.getTime() - DAY_MS) })).toThrow(RangeError);
    });

    it('streams: a million findings start at once, without building them all', () => {
      const stream = demoFindings({ ...options, findings: 1_000_000 });
      const first = [stream.next().value, stream.next().value];
      expect(first).toEqual(findings.slice(0, 2));
    });
  });

  describe('shape', () => {
    it('introduces 6000 flaws by default with unique fingerprints, all found a year after the window', () => {
      expect(complete).toHaveLength(6000);
      expect(new Set(complete.map((finding) => finding.fingerprint)).size).toBe(6000);
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

    it('detects every finding at a stage consistent with its source, after it was introduced, none after now', () => {
      const start = '2023-12-30T00:00:00.000Z';
      const end = END.toISOString();
      const problems = findings.flatMap((finding) => {
        const { detections } = finding;
        const first = detections[0];
        const found: string[] = [];
        if (!first) return [`${finding.fingerprint}: no detection`];
        if (first.sourceKind !== finding.sourceKind || first.tool !== finding.tool) found.push('first detection is not the source');
        if (finding.introducedAt !== null && (finding.introducedAt < start || finding.introducedAt > end || first.detectedAt < finding.introducedAt)) found.push('introduced outside the window or after detection');
        detections.forEach((detection, i) => {
          if (detection.stage !== DEFAULT_STAGE_OF_SOURCE[detection.sourceKind]) found.push(`${detection.sourceKind} at ${detection.stage}`);
          if (detection.detectedAt > end) found.push('detected after now');
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
      const twice = share(complete, (finding) => finding.detections.length > 1);
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

    it('leaves about half of the scanner findings without an introduction, as SARIF gives them, and dates every other one with its commit', () => {
      const scanner = findings.filter((finding) => SCANNERS.has(finding.sourceKind));
      const undated = share(scanner, (finding) => finding.introducedAt === null);
      expect(undated).toBeGreaterThan(0.4);
      expect(undated).toBeLessThan(0.6);
      expect(findings.filter((finding) => !SCANNERS.has(finding.sourceKind) && finding.introducedAt === null)).toEqual([]);
      expect(findings.filter((finding) => (finding.introducedAt === null) !== (finding.introducedCommit === null))).toEqual([]);
      expect(findings.filter((finding) => finding.introducedCommit !== null && !/^[0-9a-f]{40}$/.test(finding.introducedCommit))).toEqual([]);
    });
  });

  describe('time: escapes surface late and are never squeezed before now', () => {
    it('shows at now exactly the flaws already found, with the detections made so far', () => {
      const end = END.toISOString();
      const seen = complete
        .filter((finding) => finding.detections[0].detectedAt <= end)
        .map((finding) => ({ ...finding, detections: finding.detections.filter((detection) => detection.detectedAt <= end) }));
      expect(findings).toEqual(seen);
      expect(findings.length).toBeLessThan(complete.length);
    });

    it('spreads production escapes over up to a year after introduction, a third or more after 90 days', () => {
      const production = complete.filter((finding) => finding.introducedAt !== null && finding.detections[0].stage === 'production').map(delayDays);
      expect(production.length).toBeGreaterThan(200);
      expect(Math.max(...production)).toBeLessThanOrEqual(365);
      const late = production.filter((days) => days > 90).length / production.length;
      expect(late).toBeGreaterThan(0.3);
      expect(late).toBeLessThan(0.5);
      expect(findings.some((finding) => finding.introducedAt !== null && finding.detections[0].stage === 'production' && delayDays(finding) > 300)).toBe(true);
    });

    it('makes young cohorts look better than they will be: their late escapes are not there yet', () => {
      const recentDesign = (finding: DemoFinding) =>
        cohortDate(finding) >= new Date(END.getTime() - 120 * DAY_MS).toISOString() && classifyFinding(finding).findingClass === 'design';
      const now = escapeRate(findings.filter(recentDesign));
      const eventually = escapeRate(complete.filter(recentDesign));
      expect(eventually.rate - now.rate).toBeGreaterThan(0.1);
    });
  });

  describe.each([42, 7, 2024])('adoption effects and the organisation-wide drift with seed %i', (seed) => {
    let seeded: DemoFinding[];
    let teamOf: Map<string, string>;
    let adoptedOn: Map<string, string>;

    beforeAll(() => {
      // Five times the default, so that noise does not hide (or fake) effects of a few points.
      seeded = sut({ seed, now: LATER, findings: 30_000 });
      const organisation = demoOrganisation({ ...options, seed });
      teamOf = new Map(organisation.services.map((service) => [service.name, service.team]));
      adoptedOn = new Map(organisation.adoptions.map((adoption) => [adoption.team, adoption.startedAt]));
    });

    const ofTeams = (teams: readonly string[], findingClass: 'design' | 'pattern') =>
      seeded.filter((finding) => teams.includes(teamOf.get(finding.service)!) && classifyFinding(finding).findingClass === findingClass);
    const change = (subset: readonly DemoFinding[], startedAt: string) => {
      const before = escapeRate(subset.filter((finding) => cohortDate(finding) < startedAt));
      const after = escapeRate(subset.filter((finding) => cohortDate(finding) >= startedAt));
      return { before, after, change: after.rate - before.rate };
    };

    it.each(['Payments', 'Identity'])('cuts %s design-level escapes clearly after adoption, beyond the control teams', (team) => {
      const startedAt = adoptedOn.get(team)!;
      const adopters = change(ofTeams([team], 'design'), startedAt);
      const control = change(ofTeams(['Platform', 'Data'], 'design'), startedAt);
      expect(adopters.before.total).toBeGreaterThan(400);
      expect(adopters.after.total).toBeGreaterThan(400);
      expect(adopters.before.rate).toBeGreaterThan(0.45);
      expect(adopters.after.rate).toBeLessThan(0.32);
      expect(adopters.change - control.change).toBeLessThan(-0.2);
    });

    it('gives Mobile, which adopts on paper only, no change beyond the control teams\' drift', () => {
      const startedAt = adoptedOn.get('Mobile')!;
      const mobile = change(ofTeams(['Mobile'], 'design'), startedAt);
      const control = change(ofTeams(['Platform', 'Data'], 'design'), startedAt);
      expect(Math.abs(mobile.change - control.change)).toBeLessThan(0.1);
    });

    it.each(['Payments', 'Identity', 'Mobile'])('leaves %s pattern-level escapes roughly flat', (team) => {
      expect(Math.abs(change(ofTeams([team], 'pattern'), adoptedOn.get(team)!).change)).toBeLessThan(0.1);
    });

    it('lowers every team\'s late detections a little over time: the control teams\' design escapes drift down', () => {
      const control = ofTeams(['Platform', 'Data'], 'design');
      const first = escapeRate(control.filter((finding) => cohortDate(finding) < '2024-06-01'));
      const last = escapeRate(control.filter((finding) => cohortDate(finding) >= '2025-01-01'));
      expect(first.rate).toBeGreaterThan(0.4);
      expect(last.rate - first.rate).toBeLessThan(-0.04);
      expect(last.rate - first.rate).toBeGreaterThan(-0.2);
    });
  });
});
