import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { stringOption, UsageError, type ParsedArgs } from '../args';
import { apiClient } from './api-client';
import { readRepositoryConfig } from './repository-config';

const run = promisify(execFile);
const FLAGS = [
  ['threat-model-linked', 'threatModelLinked'],
  ['acceptance-criteria', 'acceptanceCriteria'],
  ['prompt-context', 'promptContext'],
  ['reviewed-against-model', 'reviewedAgainstModel'],
  ['ai-assisted', 'aiAssisted'],
] as const;

async function git(args: string[]): Promise<string> {
  try {
    return (await run('git', args, { maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
  } catch (error) {
    throw new UsageError(`git ${args.join(' ')} failed: ${((error as { stderr?: string }).stderr ?? (error as Error).message).trim()}`);
  }
}

function booleanOption(args: ParsedArgs, name: string): boolean | undefined {
  const value = stringOption(args, name);
  if (value === undefined) return undefined;
  if (value === 'true' || value === 'yes') return true;
  if (value === 'false' || value === 'no') return false;
  throw new UsageError(`--${name} takes true or false`);
}

/** The change ref from the CI system's variables: GitLab's merge request `!IID`, GitHub's pull request `#N`. */
function refFromEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  if (env.CI_MERGE_REQUEST_IID) return `!${env.CI_MERGE_REQUEST_IID}`;
  const pull = /^refs\/pull\/(\d+)\//.exec(env.GITHUB_REF ?? '');
  return pull ? `#${pull[1]}` : undefined;
}

/**
 * The commits of the change, full ids oldest first: `--base A [--head B]` is the range A..B; a merge commit
 * is what it brought in (its first parent..it); a plain commit is itself.
 */
async function commitsOf(base: string | undefined, head: string, mergeCommit: string | undefined): Promise<string[]> {
  if (base) return (await git(['rev-list', '--reverse', `${base}..${head}`])).split('\n').filter(Boolean);
  if (mergeCommit) {
    const parents = (await git(['rev-list', '--parents', '-n', '1', mergeCommit])).split(' ').slice(1);
    if (parents.length > 1) return (await git(['rev-list', '--reverse', `${parents[0]}..${mergeCommit}`])).split('\n').filter(Boolean);
    return [await git(['rev-parse', mergeCommit])];
  }
  return [await git(['rev-parse', head])];
}

/**
 * `escapement change record --service S [--ref R] [--base A --head B | --merge-commit M] [--title T] [--author A]
 * [--ticket T] [--opened-at ISO] [--merged-at ISO] [--threat-model-linked true|false] ...`: posts the change a
 * pipeline built, its commits read from git, and what CI knows of its context. Values not given are taken
 * from GitHub Actions or GitLab CI variables where they exist, and the service and flags every change of
 * the repository carries from its `.escapement.yml`.
 */
export async function changeCommand(args: ParsedArgs): Promise<number> {
  if (args.positional[1] !== 'record') throw new UsageError('usage: escapement change record --service S [--ref R] [--base A --head B | --merge-commit M] ...');
  const env = process.env;
  const root = await git(['rev-parse', '--show-toplevel']);
  const config = readRepositoryConfig(root);
  const service = stringOption(args, 'service') ?? env.ESCAPEMENT_SERVICE ?? config.service;
  if (!service) throw new UsageError('change record needs --service (or ESCAPEMENT_SERVICE)');
  const ref = stringOption(args, 'ref') ?? refFromEnvironment(env);
  if (!ref) throw new UsageError('change record needs --ref (the PR/MR number), unless run in a GitHub or GitLab merge request pipeline');
  const mergeCommit = stringOption(args, 'merge-commit');
  const base = stringOption(args, 'base') ?? env.CI_MERGE_REQUEST_DIFF_BASE_SHA;
  const head = stringOption(args, 'head') ?? env.CI_COMMIT_SHA ?? env.GITHUB_SHA ?? 'HEAD';
  const commits = await commitsOf(base, head, mergeCommit);
  const fullMerge = mergeCommit ? await git(['rev-parse', mergeCommit]) : undefined;
  const mergedAt = stringOption(args, 'merged-at') ?? (fullMerge ? await git(['show', '-s', '--format=%cI', fullMerge]) : undefined);
  const body: Record<string, unknown> = {
    service,
    ref,
    commits,
    title: stringOption(args, 'title') ?? env.CI_MERGE_REQUEST_TITLE,
    author: stringOption(args, 'author') ?? env.GITLAB_USER_LOGIN ?? env.GITHUB_ACTOR,
    ticket: stringOption(args, 'ticket'),
    baseCommit: base ? await git(['rev-parse', base]) : undefined,
    mergeCommit: fullMerge,
    openedAt: stringOption(args, 'opened-at'),
    mergedAt,
  };
  for (const [option, field] of FLAGS) body[field] = booleanOption(args, option) ?? config.change[field];
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  const answer = JSON.parse(await apiClient(args, 'cli').send('POST', '/api/v1/changes', { body })) as { id: string; created: boolean };
  console.log(`change ${ref} of ${service}: ${answer.created ? 'recorded' : 'updated'}, ${commits.length} commit${commits.length === 1 ? '' : 's'} (change ${answer.id})`);
  return 0;
}
