/**
 * Repositories are named many ways for one repository: `https://github.com/acme/pay.git`,
 * `git@github.com:acme/pay`, `github.com/acme/pay` (what the CI docs ask for) or just `acme/pay` in a
 * threat model. This reduces each to `host/owner/name` form, lower case (hosts and the big forges
 * ignore case).
 */
export function normaliseRepo(text: string): string {
  let repo = text.trim().toLowerCase();
  repo = repo.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  repo = repo.replace(/^[^@/]+@/, '');
  // scp-like SSH form: "github.com:acme/pay". A colon before the first slash separates host and path.
  repo = repo.replace(/^([^/:]+):(?!\d+\/)/, '$1/');
  return repo.replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
}

/**
 * The names a rule may use for a repository: the whole normalised name and each shorter tail of it,
 * so `acme/pay` and `pay` both name `github.com/acme/pay`.
 */
export function repoNameTails(repo: string): string[] {
  const normalised = normaliseRepo(repo);
  if (normalised === '') return [];
  const parts = normalised.split('/');
  return parts.map((_, index) => parts.slice(index).join('/'));
}
