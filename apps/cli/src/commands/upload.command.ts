import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { integerOption, stringOption, UsageError, type ParsedArgs } from '../args';
import { blameDocument, type BlameSummary } from '../blame/blame-findings';
import { GitCheckout } from '../blame/git-checkout';

interface ImportAnswer {
  id: string;
  status: 'processing' | 'completed' | 'failed';
  format: string;
  statusUrl: string;
  findings: { received: number; created: number; updated: number; unchanged: number; suppressed: number; fixed: number };
  error?: { detail: string; errors?: { pointer?: string; line?: number; column?: number; message: string }[] } | null;
}

interface Problem {
  detail?: string;
  title?: string;
  errors?: { pointer?: string; parameter?: string; line?: number; column?: number; message: string }[];
}

const PASSED = ['stage', 'service', 'repo', 'commit', 'change', 'format', 'detected-at'] as const;

/**
 * `escapement upload FILE... --stage ci --service NAME [--repo R] [--commit SHA] [--full-scan] [--blame|--no-blame]`:
 * gzips each file on the fly, posts it (again, after the time the server asks, when it answers 429),
 * waits for background imports, and prints one line per file. Exits non-zero if any file failed, with
 * the server's explanation.
 *
 * Inside a git checkout (or with `--blame`), results and findings whose file and line lie in the checkout
 * get `introducedAt` and `introducedCommit` from `git blame` before the upload; `--no-blame` sends files as
 * they are.
 */
export async function uploadCommand(args: ParsedArgs): Promise<number> {
  const files = args.positional.slice(1);
  if (files.length === 0) throw new UsageError('upload needs at least one file');
  const baseUrl = (stringOption(args, 'url') ?? process.env.ESCAPEMENT_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  const token = stringOption(args, 'token') ?? process.env.ESCAPEMENT_TOKEN;
  const waitSeconds = integerOption(args, 'wait', 1800, 1);
  const query = new URLSearchParams();
  for (const name of PASSED) {
    const value = stringOption(args, name);
    if (value !== undefined) query.set(name === 'detected-at' ? 'detectedAt' : name, value);
  }
  if (args.options.has('full-scan')) query.set('fullScan', 'true');
  const checkout = await blameCheckout(args);
  const detectedAt = new Date(query.get('detectedAt') ?? Date.now());
  if (Number.isNaN(detectedAt.getTime())) throw new UsageError('--detected-at must be an ISO 8601 date-time');
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' };
  if (token) headers.authorization = `Bearer ${token}`;

  let failures = 0;
  for (const file of files) {
    const name = path.basename(file);
    try {
      if (!fs.existsSync(file)) throw new Error('no such file');
      query.set('fileName', name);
      const blamed = checkout ? await blameFile(file, checkout, detectedAt) : null;
      const content = blamed?.content ?? null;
      const response = await postRetryingWhenBusy(`${baseUrl}/api/v1/imports?${query}`, () => (content ? Readable.from([content]) : fs.createReadStream(file)), headers, name, Date.now() + waitSeconds * 1000);
      let answer = (await response.json().catch(() => ({}))) as ImportAnswer & Problem;
      if (!response.ok) throw new Error(describeProblem(response.status, answer));
      if (answer.status === 'processing') answer = await waitFor(`${baseUrl}${answer.statusUrl}`, headers, waitSeconds);
      if (answer.status === 'failed') throw new Error(answer.error ? describeProblem(400, answer.error) : 'the import failed');
      const f = answer.findings;
      console.log(
        `${name}: ${answer.format}, ${f.received} received, ${f.created} new, ${f.updated} updated, ${f.unchanged} unchanged, ${f.suppressed} suppressed${f.fixed ? `, ${f.fixed} fixed` : ''}${describeBlame(blamed?.summary)} (import ${answer.id})`,
      );
    } catch (error) {
      failures += 1;
      console.error(`${name}: FAILED: ${(error as Error).message}`);
    }
  }
  return failures ? 1 : 0;
}

/** The checkout to blame in: the one the command runs in, unless `--no-blame`; `--blame` requires one. */
async function blameCheckout(args: ParsedArgs): Promise<GitCheckout | null> {
  const on = args.options.has('blame');
  if (on && args.options.has('no-blame')) throw new UsageError('--blame and --no-blame exclude each other');
  if (args.options.has('no-blame')) return null;
  const checkout = await GitCheckout.find(process.cwd());
  if (on && checkout === null) throw new UsageError('--blame needs to run inside a git checkout (and git to be installed)');
  return checkout;
}

/**
 * The file with introductions added, when any of its results lie in the checkout and were blamed; the
 * content is null when the file is to be sent as it is (CSV, not JSON, or nothing blamed).
 */
async function blameFile(file: string, checkout: GitCheckout, detectedAt: Date): Promise<{ content: Buffer | null; summary: BlameSummary } | null> {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return null;
  }
  const summary = await blameDocument(document, checkout, { cwd: process.cwd(), detectedAt });
  return { content: summary.blamed > 0 ? Buffer.from(JSON.stringify(document)) : null, summary };
}

function describeBlame(summary: BlameSummary | undefined): string {
  if (!summary || summary.inCheckout === 0) return '';
  return `, ${summary.blamed} of ${summary.inCheckout} dated by git blame`;
}

/**
 * Posts the file, gzipped on the fly. A `429` with `Retry-After` (the sender's uploads or the server's
 * queue are at their bounds, or a rate limit) is waited out and the file sent again, while the `--wait`
 * time lasts; a pipeline then slows down instead of failing.
 */
async function postRetryingWhenBusy(url: string, openBody: () => NodeJS.ReadableStream, headers: Record<string, string>, name: string, deadline: number): Promise<Response> {
  for (;;) {
    const body = Readable.toWeb(openBody().pipe(zlib.createGzip())) as ReadableStream;
    const response = await fetch(url, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
    const retryAfter = Number(response.headers.get('retry-after'));
    if (response.status !== 429 || !Number.isFinite(retryAfter) || retryAfter < 0 || Date.now() + retryAfter * 1000 > deadline) return response;
    await response.body?.cancel();
    console.error(`${name}: the server is busy (HTTP 429); sending again in ${retryAfter} s`);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
  }
}

async function waitFor(url: string, headers: Record<string, string>, waitSeconds: number): Promise<ImportAnswer> {
  const deadline = Date.now() + waitSeconds * 1000;
  let delay = 500;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 5_000);
    const response = await fetch(url, { headers: { authorization: headers.authorization ?? '' } });
    const answer = (await response.json().catch(() => ({}))) as ImportAnswer & Problem;
    if (!response.ok) throw new Error(describeProblem(response.status, answer));
    if (answer.status !== 'processing') return answer;
    if (Date.now() > deadline) throw new Error(`still processing after ${waitSeconds} s; check ${url}`);
  }
}

function describeProblem(status: number, problem: Problem): string {
  const lines = [`HTTP ${status}: ${problem.detail ?? problem.title ?? 'request failed'}`];
  for (const e of (problem.errors ?? []).slice(0, 10)) {
    const where = e.pointer ?? e.parameter ?? (e.line ? `line ${e.line}${e.column ? `, column ${e.column}` : ''}` : '');
    lines.push(`  ${where ? `${where}: ` : ''}${e.message}`);
  }
  return lines.join('\n');
}
