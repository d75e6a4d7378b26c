import { classifyFinding } from '../classification/classify-finding';
import { firstDetectedStage, isEscape } from '../model/detection-stage';
import { matchComponents } from '../threat-models/component-matching';
import { cweRelated } from '../threat-models/cwe-relation';
import { parseThreatModel } from '../threat-models/parse-threat-model';
import type { ThreatModelDocument } from '../threat-models/threat-model';
import { relevantThreats } from '../threat-models/threat-relevance';
import { demoFindings } from './demo-findings';
import { demoOrganisation } from './demo-organisation';
import { DEMO_SERVICE_PROFILES } from './demo-services';
import { demoThreatModels } from './demo-threat-models';
import type { DemoFinding, DemoOptions, DemoThreatModel } from './demo-types';
import { DEMO_WEAKNESSES, type DemoWeakness } from './demo-weaknesses';
import { TEST_LIMITS } from '../threat-models/fixtures/limits';

const END = new Date('2025-06-30T00:00:00Z');
const DAY_MS = 86_400_000;

/** The document written out in Escapement's own format, so the strict parser can check it. */
function asNativeFile(document: ThreatModelDocument): string {
  return JSON.stringify({
    escapementThreatModel: 1,
    name: document.name,
    version: document.version,
    description: document.description,
    trustZones: document.trustZones,
    components: document.components.map(({ trustZoneKey, parentKey, matchRules, ...component }) => ({
      ...component, trustZone: trustZoneKey, parent: parentKey, match: matchRules,
    })),
    trustBoundaries: document.trustBoundaries.map(({ key, name, fromZoneKey, toZoneKey, crossingComponentKeys }) => ({
      key, name, from: fromZoneKey, to: toZoneKey, crossing: crossingComponentKeys,
    })),
    threats: document.threats.map(({ componentKeys, ...threat }) => ({ ...threat, components: componentKeys })),
  });
}

type Gap = 'context_gap' | 'model_gap' | 'unmodelled';

/**
 * What the `finding_gaps` view says of a finding once every version is loaded: links come from the
 * latest version, and a linked threat counts as known from the first version that named it.
 */
/** As the product dates a finding: when it was introduced, else when it was first found. */
const cohortDate = (finding: DemoFinding) => finding.introducedAt ?? finding.detections[0].detectedAt;

function gapOf(finding: DemoFinding, models: readonly DemoThreatModel[]): { gap: Gap; components: string[] } {
  const category = classifyFinding(finding).category;
  const components: string[] = [];
  let known = false;
  for (const model of models) {
    const latest = model.versions[model.versions.length - 1].document;
    const place = { service: finding.service, repo: finding.location.repo, path: finding.location.path };
    for (const key of matchComponents(place, latest.components)) {
      components.push(`${model.service}/${key}`);
      const threats = relevantThreats({ cweIds: finding.cweIds, category }, latest.threats.filter((threat) => threat.componentKeys.includes(key)), cweRelated);
      const firstNamed = threats.map((threat) => model.versions.find((version) => version.document.threats.some((t) => t.key === threat.key))!.effectiveFrom);
      if (firstNamed.some((effectiveFrom) => effectiveFrom <= cohortDate(finding))) known = true;
    }
  }
  return { gap: known ? 'context_gap' : components.length > 0 ? 'model_gap' : 'unmodelled', components };
}

describe(demoThreatModels.name, () => {
  const options: DemoOptions = { end: END };
  const sut = (overrides: DemoOptions = {}) => demoThreatModels({ ...options, ...overrides });
  let models: DemoThreatModel[];
  let findings: DemoFinding[];

  beforeAll(() => {
    models = sut();
    findings = [...demoFindings(options)];
  });

  describe('determinism', () => {
    it('gives the same models for the same options, whatever the number of findings', () => {
      expect(sut({ seed: 5 })).toEqual(sut({ seed: 5, findings: 10 }));
    });

    it('moves only the dates with the seed', () => {
      const other = sut({ seed: 6 });
      expect(other.map((model) => model.versions.map((version) => version.document))).toEqual(models.map((model) => model.versions.map((version) => version.document)));
      expect(other.map((model) => model.versions[0].effectiveFrom)).not.toEqual(models.map((model) => model.versions[0].effectiveFrom));
    });
  });

  describe('shape', () => {
    it('models every service but two, so that unmodelled findings exist too', () => {
      const { services } = demoOrganisation(options);
      const modelled = models.map((model) => model.service);
      expect(modelled.every((service) => services.some((candidate) => candidate.name === service))).toBe(true);
      expect(services.map((service) => service.name).filter((name) => !modelled.includes(name))).toEqual(['platform-infra', 'analytics-api']);
    });

    it('writes documents the native format parser reads back unchanged', () => {
      for (const { versions } of models) {
        for (const { document } of versions) expect(parseThreatModel(asNativeFile(document), { fileName: 'model.json', limits: TEST_LIMITS })).toEqual(document);
      }
    });

    it('puts every component and threat in a PWNISMS layer, and every threat in a STRIDE category', () => {
      const documents = models.flatMap((model) => model.versions.map((version) => version.document));
      expect(documents.flatMap((document) => document.components).filter((component) => component.layer === null)).toEqual([]);
      expect(documents.flatMap((document) => document.threats).filter((threat) => threat.layer === null || threat.stride === null)).toEqual([]);
      expect(documents.every((document) => document.trustZones.map((zone) => zone.key).join() === 'internet,edge,internal,data,secrets')).toBe(true);
    });
  });

  describe('versions', () => {
    it('has a first version early in the window and a second that keeps its threats and adds more', () => {
      for (const { service, versions } of models) {
        const [first, second] = versions;
        expect(versions).toHaveLength(2);
        expect(first.effectiveFrom >= '2023-12-30' && first.effectiveFrom < '2024-03-01').toBe(true);
        expect(second.effectiveFrom > first.effectiveFrom).toBe(true);
        const earlier = first.document.threats.map((threat) => threat.key);
        const later = second.document.threats.map((threat) => threat.key);
        expect({ service, kept: earlier.every((key) => later.includes(key)), added: later.length - earlier.length > 3 }).toEqual({ service, kept: true, added: true });
      }
    });

    it('revises the model one to three weeks before the team adopts, and mid-window for teams that never do', () => {
      const organisation = demoOrganisation(options);
      const teamOf = new Map(organisation.services.map((service) => [service.name, service.team]));
      for (const { service, versions } of models) {
        const adoption = organisation.adoptions.find((candidate) => candidate.team === teamOf.get(service));
        const revisedMs = Date.parse(versions[1].effectiveFrom);
        if (adoption) {
          const leadDays = (Date.parse(adoption.startedAt) - revisedMs) / DAY_MS;
          expect(leadDays).toBeGreaterThanOrEqual(7);
          expect(leadDays).toBeLessThanOrEqual(21);
        } else {
          expect(versions[1].effectiveFrom > '2024-09-15' && versions[1].effectiveFrom < '2024-12-15').toBe(true);
        }
      }
    });

    it('keeps the second version after the first in a window of one month', () => {
      for (const { versions } of sut({ months: 1 })) expect(versions[1].effectiveFrom > versions[0].effectiveFrom).toBe(true);
    });
  });

  describe('fit with the demo findings', () => {
    it('places most findings in a component, and nearly all of those of modelled services', () => {
      const modelled = new Set(models.map((model) => model.service));
      const placed = findings.filter((finding) => gapOf(finding, models).components.length > 0);
      expect(placed.length / findings.length).toBeGreaterThan(0.75);
      const ofModelled = findings.filter((finding) => modelled.has(finding.service));
      expect(placed.length / ofModelled.length).toBeGreaterThan(0.9);
      expect(placed.length / ofModelled.length).toBeLessThan(1);
    });

    it("never places a finding in another service's model", () => {
      const misplaced = findings.filter((finding) => gapOf(finding, models).components.some((component) => !component.startsWith(`${finding.service}/`)));
      expect(misplaced).toEqual([]);
    });

    it('covers some of its files with every component that has match rules, and can realise every threat', () => {
      const unused: string[] = [];
      for (const model of models) {
        const latest = model.versions[1].document;
        const profile = DEMO_SERVICE_PROFILES.find((candidate) => candidate.name === model.service)!;
        const reach = (weakness: DemoWeakness) => (weakness.languages && !weakness.languages.includes(profile.language) ? [] : (profile.files[weakness.file] ?? []));
        const keysAt = (path: string) => matchComponents({ service: model.service, repo: profile.repo, path }, latest.components);
        const covered = new Set(Object.values(profile.files).flatMap((paths) => paths.flatMap(keysAt)));
        for (const component of latest.components) {
          if (component.matchRules.paths.length > 0 && !covered.has(component.key)) unused.push(`${model.service}/${component.key}`);
        }
        for (const threat of latest.threats) {
          const realised = DEMO_WEAKNESSES.some((weakness) => {
            const { category } = classifyFinding({ cweIds: [...weakness.cweIds], sourceKind: 'pentest', tool: null, ruleId: null });
            const places = reach(weakness).flatMap(keysAt);
            return places.some((key) => threat.componentKeys.includes(key)) && relevantThreats({ cweIds: weakness.cweIds, category }, [threat], cweRelated).length > 0;
          });
          if (!realised) unused.push(`${model.service}#${threat.key}`);
        }
      }
      expect(unused).toEqual([]);
    });
  });

  describe('the story of the gaps', () => {
    let teamOf: Map<string, string>;
    let adoptedOn: Map<string, string>;

    beforeAll(() => {
      const organisation = demoOrganisation(options);
      teamOf = new Map(organisation.services.map((service) => [service.name, service.team]));
      adoptedOn = new Map(organisation.adoptions.map((adoption) => [adoption.team, adoption.startedAt]));
    });

    const escapedDesign = (phase: 'before' | 'after') =>
      findings.filter((finding) => {
        const adopted = adoptedOn.get(teamOf.get(finding.service)!);
        if (!adopted || (phase === 'before') !== cohortDate(finding) < adopted) return false;
        return classifyFinding(finding).findingClass === 'design' && isEscape(firstDetectedStage(finding.detections), 'ci');
      });
    const shares = (subset: readonly DemoFinding[]) => {
      const counts = { context_gap: 0, model_gap: 0, unmodelled: 0 };
      for (const finding of subset) counts[gapOf(finding, models).gap]++;
      return { context: counts.context_gap / subset.length, model: counts.model_gap / subset.length };
    };

    it('splits design escapes before adoption between context gaps and model gaps', () => {
      const before = shares(escapedDesign('before'));
      expect(before.context).toBeGreaterThan(0.25);
      expect(before.model).toBeGreaterThan(0.5);
    });

    it('leaves a mix after adoption, the revised model knowing more of what still escapes', () => {
      const before = shares(escapedDesign('before'));
      const after = shares(escapedDesign('after'));
      expect(after.context).toBeGreaterThan(before.context);
      expect(after.model).toBeGreaterThan(0.3);
    });

    it('concentrates the model gaps left after adoption on components whose threats were missed', () => {
      const perComponent = new Map<string, number>();
      const afterAdoption = escapedDesign('after');
      for (const finding of afterAdoption) {
        const { gap, components } = gapOf(finding, models);
        if (gap === 'model_gap') for (const component of components) perComponent.set(component, (perComponent.get(component) ?? 0) + 1);
      }
      const holes = ['payments-api/provider-webhooks', 'checkout-web/session', 'ledger-service/settlement', 'auth-gateway/oidc-callback', 'mobile-ios/api-client', 'mobile-android/api-client', 'mobile-bff/identity-client'];
      const inHoles = holes.reduce((sum, component) => sum + (perComponent.get(component) ?? 0), 0);
      const total = [...perComponent.values()].reduce((sum, n) => sum + n, 0);
      const holeShareOfComponents = holes.length / models.flatMap((model) => model.versions[1].document.components).length;
      expect(inHoles / total).toBeGreaterThan(2 * holeShareOfComponents);
    });
  });
});
