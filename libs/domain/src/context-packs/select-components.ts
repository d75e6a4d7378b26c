import type { ContextComponentDto } from '../api/context';
import { matchComponents } from '../threat-models/component-matching';
import { normalisePath } from '../threat-models/glob';
import type { ModelComponent } from '../threat-models/threat-model';
import type { ContextRequest, ContextSource } from './context-source';

export interface ComponentSelection {
  components: ContextComponentDto[];
  /** Requested paths no component covers. */
  unmatchedPaths: string[];
  /** Requested component keys or names the model does not have. */
  unknownComponents: string[];
}

/**
 * The components a request is about: those whose match rules cover a requested path (the deepest one,
 * as findings are linked), plus those named directly; with neither, every component of the model.
 * The request names the service, so a component's service and repository rules are taken as met
 * unless the request names a repository.
 */
export function selectComponents(source: ContextSource, request: ContextRequest): ComponentSelection {
  const byKey = new Map(source.components.map((component) => [component.key, component]));
  const selected = new Map<string, string[]>();
  const unmatchedPaths: string[] = [];
  const unknownComponents: string[] = [];
  const candidates = source.components.map((component) => forRequest(component, source.service, request.repo));

  for (const raw of request.paths) {
    const path = normalisePath(raw);
    const keys = matchComponents({ service: source.service, repo: request.repo, path }, candidates);
    if (keys.length === 0) unmatchedPaths.push(path);
    for (const key of keys) selected.set(key, [...(selected.get(key) ?? []), path]);
  }
  for (const wanted of request.components) {
    const component = byKey.get(wanted) ?? source.components.find((c) => c.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (!component) unknownComponents.push(wanted);
    else if (!selected.has(component.key)) selected.set(component.key, []);
  }
  if (request.paths.length === 0 && request.components.length === 0) for (const component of source.components) selected.set(component.key, []);

  const components = source.components
    .filter((component) => selected.has(component.key))
    .map((component) => ({
      key: component.key,
      name: component.name,
      type: component.type,
      layer: component.layer,
      trustZone: component.trustZoneKey,
      description: component.description,
      paths: [...new Set(selected.get(component.key))],
    }));
  return { components, unmatchedPaths: [...new Set(unmatchedPaths)], unknownComponents };
}

/**
 * The component with the rules a request can check: the repository rule only when the request names one.
 * A component tied to its repository alone then covers every path of the service.
 */
function forRequest(component: ModelComponent, service: string, repo: string | null): ModelComponent {
  const rules = component.matchRules;
  if (repo !== null || !someRule(rules.repos)) return component;
  const services = someRule(rules.services) || someRule(rules.paths) ? rules.services : [service];
  return { ...component, matchRules: { paths: rules.paths, services, repos: [] } };
}

function someRule(values: readonly string[]): boolean {
  return values.some((value) => value.trim() !== '');
}
