/** Where a finding is in the code, as the API gives it. */
export interface SourceLocation {
  repo: string | null;
  path: string | null;
  line: number | null;
}

/** "github.com/acme/pay" from the spellings CI systems use: https URLs, SSH remotes, a trailing .git. */
export function normaliseRepo(repo: string): string {
  return repo
    .trim()
    .replace(/^[a-z+]+:\/\//i, '')
    .replace(/^[^@/]+@([^:/]+):/, '$1/')
    .replace(/^[^@/]+@/, '')
    .replace(/\.git$/i, '')
    .replace(/\/+$/, '');
}

/**
 * The hosting service of a repository, when its host says so: github.com and gitlab.com, and
 * self-hosted instances named like them (github.acme.com, gitlab.internal.io). Other hosts (Bitbucket,
 * Gitea, plain git servers) lay out file URLs differently, so no link is better than a wrong one.
 */
function forgeOf(host: string): 'github' | 'gitlab' | null {
  const labels = host.toLowerCase().split('.');
  if (labels.includes('github')) return 'github';
  if (labels.includes('gitlab')) return 'gitlab';
  return null;
}

/** A repository-relative path: forward slashes, no leading "./" or "/". */
function cleanPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '');
}

/**
 * A link to the line on the hosting service, at the default branch (HEAD), since findings do not say
 * which branch they were seen on; null when the repository is not on a host we know how to link to.
 */
export function sourceHref(location: SourceLocation): string | null {
  if (!location.repo) return null;
  const repo = normaliseRepo(location.repo);
  const [host, ...rest] = repo.split('/');
  if (!host || rest.length < 2) return null;
  const forge = forgeOf(host);
  if (forge === null) return null;
  const base = `https://${repo}`;
  if (!location.path) return base;
  const path = cleanPath(location.path).split('/').map(encodeURIComponent).join('/');
  const line = location.line !== null && location.line > 0 ? `#L${location.line}` : '';
  return `${base}/${forge === 'gitlab' ? '-/' : ''}blob/HEAD/${path}${line}`;
}

/** "src/a.ts:42", or what there is of it. */
export function locationLabel(location: SourceLocation): string {
  if (!location.path) return location.repo ?? '–';
  return location.line !== null && location.line > 0 ? `${cleanPath(location.path)}:${location.line}` : cleanPath(location.path);
}
