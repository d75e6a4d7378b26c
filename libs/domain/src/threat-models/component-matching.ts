import { compileGlob, DEFAULT_GLOB_LIMITS, GlobSyntaxError, hasGlobSyntax, normaliseGlob, normalisePath, type GlobLimits, type GlobMatcher } from './glob';
import { normaliseRepo, repoNameTails } from './repository-names';
import type { ComponentMatchRules, ModelComponent } from './threat-model';

/** Where a finding lives, as far as component match rules look. */
export interface FindingPlace {
  service: string | null;
  repo: string | null;
  path: string | null;
}

/** The keys of the components a finding belongs to, in model order. */
export type ComponentMatcher = (finding: FindingPlace) => string[];

/**
 * The components of one model, their rules compiled once, ready to place many findings.
 *
 * `modelServices`: the services the model belongs to. A finding of any other service matches no
 * component, whatever the rules say: a model describes its own service, and an upload for one
 * service must not claim another team's findings (`paths: ["**"]` would otherwise claim every
 * finding of the organisation). Null applies the rules alone. `limits`: a glob over them (stored
 * before a limit was lowered) matches nothing.
 *
 * A component matches when every non-empty rule list it has matches (service equal ignoring case;
 * repository equal or glob, under any of its names; path glob). A component without rules matches
 * nothing: a model without rules must not claim every finding. When a component and one of its
 * ancestors both match, only the deepest is returned, because a finding in `api/auth` is about the
 * auth module, not the whole API.
 */
export function componentMatcher(components: readonly ModelComponent[], modelServices: readonly string[] | null = null, limits: GlobLimits = DEFAULT_GLOB_LIMITS): ComponentMatcher {
  const scope = modelServices === null ? null : new Set(modelServices.map(serviceKey));
  const compiled = components.map((component) => ({ key: component.key, matches: compileRules(component.matchRules, limits) }));
  const parentOf = new Map(components.map((component) => [component.key, component.parentKey]));
  return (finding) => {
    if (scope !== null && (finding.service === null || !scope.has(serviceKey(finding.service)))) return [];
    const place: NormalisedPlace = {
      service: finding.service === null ? null : serviceKey(finding.service),
      repos: finding.repo === null ? null : repoNameTails(finding.repo),
      path: finding.path === null ? null : normalisePath(finding.path),
    };
    const matched = compiled.filter((component) => component.matches(place));
    if (matched.length <= 1) return matched.map((component) => component.key);
    const covered = new Set<string>();
    for (const component of matched) for (const ancestor of ancestorsOf(component.key, parentOf)) covered.add(ancestor);
    return [...new Set(matched.map((component) => component.key))].filter((key) => !covered.has(key));
  };
}

/** The rules alone, for one finding; see `componentMatcher` to place many findings against a model. */
export function matchComponents(finding: FindingPlace, components: readonly ModelComponent[]): string[] {
  return componentMatcher(components)(finding);
}

/** Whether one repository rule (a name or a glob) names the repository, under any of its names. */
export function repositoryRuleMatches(rule: string, repo: string, limits: GlobLimits = DEFAULT_GLOB_LIMITS): boolean {
  return rule.trim() !== '' && repoRule(rule, limits)(repoNameTails(repo));
}

/** A finding's place, normalised once for every component it is tried against. */
interface NormalisedPlace {
  service: string | null;
  repos: string[] | null;
  path: string | null;
}

function compileRules(rules: ComponentMatchRules, limits: GlobLimits): (place: NormalisedPlace) => boolean {
  const services = nonBlank(rules.services).map(serviceKey);
  const repos = nonBlank(rules.repos).map((repo) => repoRule(repo, limits));
  const paths = nonBlank(rules.paths).map((path) => compileOrNull(normaliseGlob(path), false, limits));
  if (services.length === 0 && repos.length === 0 && paths.length === 0) return () => false;
  return (place) => {
    if (services.length > 0 && (place.service === null || !services.includes(place.service))) return false;
    if (repos.length > 0 && (place.repos === null || !repos.some((rule) => rule(place.repos!)))) return false;
    if (paths.length > 0 && (place.path === null || !paths.some((glob) => glob !== null && glob.test(place.path!)))) return false;
    return true;
  };
}

function serviceKey(service: string): string {
  return service.trim().toLowerCase();
}

function repoRule(rule: string, limits: GlobLimits): (names: string[]) => boolean {
  if (!hasGlobSyntax(rule)) {
    const name = normaliseRepo(rule);
    return (names) => names.includes(name);
  }
  const glob = compileOrNull(normaliseRepo(rule), true, limits);
  return (names) => glob !== null && names.some((name) => glob.test(name));
}

function nonBlank(values: readonly string[]): string[] {
  return values.filter((value) => value.trim() !== '');
}

/** Parent chain of a component, stopping at a cycle rather than looping on a malformed model. */
function ancestorsOf(key: string, parentOf: ReadonlyMap<string, string | null>): string[] {
  const ancestors: string[] = [];
  const seen = new Set([key]);
  let parent = parentOf.get(key) ?? null;
  while (parent !== null && !seen.has(parent)) {
    ancestors.push(parent);
    seen.add(parent);
    parent = parentOf.get(parent) ?? null;
  }
  return ancestors;
}

/**
 * An invalid or oversized glob matches nothing: parsers reject them, but rules may also come from
 * rows stored before a limit was lowered.
 */
function compileOrNull(pattern: string, ignoreCase: boolean, limits: GlobLimits): GlobMatcher | null {
  try {
    return compileGlob(pattern, { ignoreCase, limits });
  } catch (error) {
    if (error instanceof GlobSyntaxError) return null;
    throw error;
  }
}
