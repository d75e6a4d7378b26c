import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { integerOption, stringOption, UsageError, type ParsedArgs } from '../args';
import { apiClient } from './api-client';

/** Options every context command passes on as query parameters or body fields. */
function limits(args: ParsedArgs): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  const format = stringOption(args, 'format');
  if (format !== undefined) out.format = format;
  if (args.options.has('max-chars')) out.maxChars = integerOption(args, 'max-chars', 0, 1);
  if (args.options.has('max-tokens')) out.maxTokens = integerOption(args, 'max-tokens', 0, 1);
  for (const [option, name] of [['change', 'change'], ['repo', 'repo'], ['boundary', 'boundary']] as const) {
    const value = stringOption(args, option);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * Which service: --service, else ESCAPEMENT_SERVICE, else the server finds it from the repository
 * (--repo, or the checkout's "origin" remote), so `escapement context FILE` works inside a checkout.
 */
function target(args: ParsedArgs, command: string): Record<string, string> {
  const name = stringOption(args, 'service') ?? process.env.ESCAPEMENT_SERVICE;
  if (name) return { service: name };
  if (stringOption(args, 'repo') !== undefined) return {};
  const remote = originRemote();
  if (!remote) throw new UsageError(`${command} needs --service NAME (or ESCAPEMENT_SERVICE), or to run in a git checkout with an "origin" remote`);
  return { repo: remote };
}

function originRemote(): string | null {
  try {
    return execFileSync('git', ['remote', 'get-url', 'origin'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/** `--component a,b` (or repeated words after it are paths): component keys or names. */
function components(args: ParsedArgs): string[] {
  return (stringOption(args, 'component') ?? '').split(',').map((c) => c.trim()).filter(Boolean);
}

function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/**
 * `escapement context --service S PATH...` and `escapement criteria --service S PATH...`: the context
 * pack (or the acceptance criteria) for the files, printed to stdout for a pipe, Markdown by default.
 */
export async function contextCommand(args: ParsedArgs, kind: 'context' | 'criteria'): Promise<number> {
  const query = new URLSearchParams(target(args, kind));
  for (const path of args.positional.slice(1)) query.append('path', path);
  for (const component of components(args)) query.append('component', component);
  for (const [name, value] of Object.entries(limits(args))) query.set(name, String(value));
  const route = kind === 'context' ? 'context-packs' : 'acceptance-criteria';
  print(await apiClient(args, 'cli').send('GET', `/api/v1/${route}?${query}`));
  return 0;
}

/**
 * `escapement review --service S (--diff FILE | PATH... | --base A --head B)`: a reviewer's checklist for
 * the changed files. `--diff -` reads the diff from stdin; `--base`/`--head` ask git in the current
 * checkout. With `--outcome approved|changes_requested|commented --change REF` it records the review too.
 */
export async function reviewCommand(args: ParsedArgs): Promise<number> {
  const service = target(args, 'review');
  const diffFile = stringOption(args, 'diff');
  const base = stringOption(args, 'base');
  const head = stringOption(args, 'head');
  const paths = args.positional.slice(1);
  const sources = [diffFile !== undefined, paths.length > 0, base !== undefined || head !== undefined].filter(Boolean).length;
  if (sources !== 1) throw new UsageError('review needs exactly one of: --diff FILE, changed PATH..., or --base A --head B');
  const body: Record<string, unknown> = { ...service, ...limits(args) };
  if (diffFile !== undefined) body.diff = readDiff(diffFile);
  else if (paths.length) body.paths = paths;
  else body.paths = changedBetween(base, head);
  const client = apiClient(args, 'cli');
  const outcome = stringOption(args, 'outcome');
  const change = stringOption(args, 'change');
  if (outcome !== undefined && !change) throw new UsageError('--outcome needs --change REF: the change that was reviewed');
  print(await client.send('POST', '/api/v1/review-checklists', { body }));
  if (outcome !== undefined) {
    const reviewed = Array.isArray(body.paths) ? { paths: body.paths } : {};
    const repo = body.repo === undefined ? {} : { repo: body.repo };
    await client.send('POST', '/api/v1/context-reviews', { body: { ...service, ...repo, change, outcome, ...reviewed } });
    process.stderr.write(`recorded: ${change} reviewed against the threat model (${outcome})\n`);
  }
  return 0;
}

function readDiff(file: string): string {
  if (file === '-') return fs.readFileSync(0, 'utf8');
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
  return fs.readFileSync(file, 'utf8');
}

/** Files changed between two commits of the checkout in the current folder, repository-relative. */
function changedBetween(base: string | undefined, head: string | undefined): string[] {
  if (!base || !head) throw new UsageError('--base and --head go together: review --base main --head HEAD');
  let output: string;
  try {
    output = execFileSync('git', ['-c', 'core.quotepath=off', 'diff', '--name-only', '-z', `${base}...${head}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim();
    throw new Error(`git diff ${base}...${head} failed: ${stderr}`);
  }
  const files = output.split('\0').filter(Boolean);
  if (files.length === 0) throw new Error(`no file changed between ${base} and ${head}`);
  return files;
}
