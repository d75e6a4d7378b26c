import { compileGlob, GlobSyntaxError, hasGlobSyntax, normaliseGlob, normalisePath } from './glob';
import { normaliseRepo, repoNameTails } from './repository-names';
import type { ComponentMatchRules, ModelComponent } from './threat-model';

/** Where a finding lives, as far as component match rules look. */
export interface FindingPlace {
  service: string | null;
  repo: string | null;
  path: string | null;
}

/**
 * The keys of the components a finding belongs to, in model order. A component matches when every
 * non-empty rule list it has matches (service equal ignoring case; repository equal or glob, under any
 * of its names; path glob). A component without rules matches nothing: a model without rules must not
 * claim every finding. When a component and one of its ancestors both match, only the deepest is
 * returned, because a finding in `api/auth` is about the auth module, not the whole API.
 */
export function matchComponents(finding: FindingPlace, components: readonly ModelComponent[]): string[] {
  const matched = components.filter((component) => rulesMatch(component.matchRules, finding));
  if (matched.length <= 1) return matched.map((component) => component.key);
  const parentOf = new Map(components.map((component) => [component.key, component.parentKey]));
  const covered = new Set<string>();
  for (const component of matched) for (const ancestor of ancestorsOf(component.key, parentOf)) covered.add(ancestor);
  return [...new Set(matched.map((component) => component.key))].filter((key) => !covered.has(key));
}

export function rulesMatch(rules: ComponentMatchRules, finding: FindingPlace): boolean {
  const services = nonBlank(rules.services);
  const repos = nonBlank(rules.repos);
  const paths = nonBlank(rules.paths);
  if (services.length === 0 && repos.length === 0 && paths.length === 0) return false;
  if (services.length > 0 && !services.some((service) => serviceMatches(service, finding.service))) return false;
  if (repos.length > 0 && !repos.some((repo) => repoMatches(repo, finding.repo))) return false;
  if (paths.length > 0 && !paths.some((path) => pathMatches(path, finding.path))) return false;
  return true;
}

function serviceMatches(rule: string, service: string | null): boolean {
  return service !== null && rule.trim().toLowerCase() === service.trim().toLowerCase();
}

function repoMatches(rule: string, repo: string | null): boolean {
  if (repo === null) return false;
  const names = repoNameTails(repo);
  if (!hasGlobSyntax(rule)) return names.includes(normaliseRepo(rule));
  const glob = cachedGlob(rule, true);
  return glob !== null && names.some((name) => glob.test(name));
}

function pathMatches(rule: string, path: string | null): boolean {
  if (path === null) return false;
  const glob = cachedGlob(rule, false);
  return glob !== null && glob.test(normalisePath(path));
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
 * Linking runs the same few rules against every finding of an import; compiling each once matters.
 * Bounded, because rules come from uploaded models. An invalid glob (parsers reject them, but rules
 * may also come from elsewhere) matches nothing.
 */
const MAX_CACHED_GLOBS = 2000;
const globs = new Map<string, RegExp | null>();

function cachedGlob(pattern: string, ignoreCase: boolean): RegExp | null {
  const cacheKey = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  let glob = globs.get(cacheKey);
  if (glob === undefined) {
    glob = compileOrNull(ignoreCase ? normaliseRepo(pattern) : normaliseGlob(pattern), ignoreCase);
    if (globs.size >= MAX_CACHED_GLOBS) globs.clear();
    globs.set(cacheKey, glob);
  }
  return glob;
}

function compileOrNull(pattern: string, ignoreCase: boolean): RegExp | null {
  try {
    return compileGlob(pattern, { ignoreCase });
  } catch (error) {
    if (error instanceof GlobSyntaxError) return null;
    throw error;
  }
}
