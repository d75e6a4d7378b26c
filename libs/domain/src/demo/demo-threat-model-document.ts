import { noMatchRules, type ModelComponent, type ModelThreat, type ThreatModelDocument } from '../threat-models/threat-model';
import { DEMO_THREATS } from './demo-threat-catalogue';
import type { DemoComponentPlan, DemoThreatModelPlan, DemoThreatPlan } from './demo-threat-model-plans';
import { DEMO_TRUST_ZONES, demoTrustBoundaries } from './demo-trust-zones';

export type DemoModelVersion = 1 | 2;

/**
 * One version of a demo model, in the normalised form the importers produce from Escapement's own
 * format. Components are tied to their service and repository as well as to paths, because the
 * linker tries every model on every finding: a path glob alone would claim another service's files.
 */
export function demoThreatModelDocument(plan: DemoThreatModelPlan, repo: string, version: DemoModelVersion): ThreatModelDocument {
  const components = plan.components.map((component) => demoComponent(component, plan.service, repo));
  return {
    format: 'native',
    name: plan.name,
    version: `${version}.0`,
    description: plan.description,
    components,
    trustZones: DEMO_TRUST_ZONES.map((zone) => ({ ...zone })),
    trustBoundaries: demoTrustBoundaries(components),
    threats: plan.threats.filter((threat) => threat.since <= version).map((threat) => demoThreat(threat, version)),
  };
}

function demoComponent(component: DemoComponentPlan, service: string, repo: string): ModelComponent {
  const owned = component.paths.length > 0;
  return {
    key: component.key,
    name: component.name,
    description: component.description ?? null,
    type: component.type,
    trustZoneKey: component.zone,
    parentKey: component.parent ?? null,
    layer: component.layer,
    matchRules: owned ? { repos: [repoRule(repo)], paths: [...component.paths], services: [service] } : noMatchRules(),
  };
}

/** `acme/payments-api`, as people write repositories in a model, rather than the full URL. */
function repoRule(repo: string): string {
  return repo.split('/').slice(-2).join('/');
}

/**
 * A threat as the version describes it: new threats are open with their mitigations planned; by
 * version 2 the older ones are mostly mitigated, which is what the team believed when flaws of the
 * same kind kept escaping.
 */
function demoThreat(plan: DemoThreatPlan, version: DemoModelVersion): ModelThreat {
  const template = DEMO_THREATS[plan.threat];
  const status = plan.since === version ? 'open' : (plan.later ?? 'mitigated');
  const mitigationStatus = status === 'mitigated' ? 'implemented' : 'planned';
  return {
    key: plan.threat,
    title: template.title,
    description: template.description,
    componentKeys: [...plan.on],
    stride: template.stride,
    layer: template.layer,
    cweIds: [...template.cweIds].sort((a, b) => a - b),
    severity: template.severity,
    status,
    mitigations: template.mitigations.map((mitigation) => ({ key: mitigation.key, title: mitigation.title, description: null, status: mitigationStatus })),
  };
}
