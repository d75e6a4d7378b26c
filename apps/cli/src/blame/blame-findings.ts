import { parseSarifResult, sarifRunContext } from '@escapement/domain';
import type { GitCheckout } from './git-checkout';
import type { LineBlame } from './blame-porcelain';

/** One result or finding of an uploaded document that `git blame` can date. */
interface Target {
  path: string;
  line: number;
  /** The introduction cannot be after the detection: a blame newer than this is not used. */
  detectedAt: Date;
  apply(blame: LineBlame): void;
}

export interface BlameSummary {
  /** Results or findings with a file and line but no introduction of their own. */
  candidates: number;
  /** Of those, how many lie in a file of the checkout. */
  inCheckout: number;
  /** Of those, how many were given `introducedAt` and `introducedCommit`. */
  blamed: number;
}

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Adds `introducedAt` and `introducedCommit` from `git blame` to a parsed upload, in place: to each SARIF
 * result's property bag (the place SARIF leaves for producers' own facts), or to each JSON finding. What
 * an upload already says of an introduction is kept. Other documents (CSV, not JSON) are left alone.
 */
export async function blameDocument(document: unknown, checkout: GitCheckout, context: { cwd: string; detectedAt: Date }): Promise<BlameSummary> {
  const targets = isObject(document) && Array.isArray(document.runs) ? sarifTargets(document.runs, context.detectedAt) : findingTargets(document, context.detectedAt);
  const summary: BlameSummary = { candidates: targets.length, inCheckout: 0, blamed: 0 };
  const byFile = new Map<string, Target[]>();
  for (const target of targets) {
    const file = checkout.resolve(target.path, context.cwd);
    if (file === null) continue;
    summary.inCheckout += 1;
    byFile.set(file, [...(byFile.get(file) ?? []), target]);
  }
  for (const [file, inFile] of byFile) {
    const blamed = await checkout.blame(file, inFile.map((target) => target.line));
    for (const target of inFile) {
      const blame = blamed.get(target.line);
      if (!blame || Date.parse(blame.authoredAt) > target.detectedAt.getTime()) continue;
      target.apply(blame);
      summary.blamed += 1;
    }
  }
  return summary;
}

/** SARIF results located exactly as the server reads them (URI bases, artifacts), skipping what it would reject. */
function sarifTargets(runs: unknown[], fallbackDetectedAt: Date): Target[] {
  const targets: Target[] = [];
  runs.forEach((run, runIndex) => {
    if (!isObject(run) || !Array.isArray(run.results)) return;
    let context: ReturnType<typeof sarifRunContext>;
    try {
      context = sarifRunContext(run, `/runs/${runIndex}`);
    } catch {
      return;
    }
    run.results.forEach((result, index) => {
      let parsed: ReturnType<typeof parseSarifResult>;
      try {
        parsed = parseSarifResult(result, context, `/runs/${runIndex}/results/${index}`);
      } catch {
        return;
      }
      const { path, line } = parsed?.location ?? { path: null, line: null };
      if (!parsed || !isObject(result) || parsed.introducedAt !== null || parsed.introducedCommit !== null || path === null || line === null) return;
      targets.push({
        path,
        line,
        detectedAt: parsed.detectedAt ? new Date(parsed.detectedAt) : fallbackDetectedAt,
        apply: (blame) => {
          result.properties = { ...(isObject(result.properties) ? result.properties : {}), introducedAt: blame.authoredAt, introducedCommit: blame.commit };
        },
      });
    });
  });
  return targets;
}

/** JSON findings (an array, or `{ "findings": [...] }`) with `location.path` and `location.line` and no introduction. */
function findingTargets(document: unknown, fallbackDetectedAt: Date): Target[] {
  const items = Array.isArray(document) ? document : isObject(document) && Array.isArray(document.findings) ? document.findings : [];
  const targets: Target[] = [];
  for (const item of items) {
    if (!isObject(item) || item.introducedAt != null || item.introducedCommit != null || !isObject(item.location)) continue;
    const { path, line } = item.location;
    if (typeof path !== 'string' || typeof line !== 'number') continue;
    const detectedAt = typeof item.detectedAt === 'string' && !Number.isNaN(Date.parse(item.detectedAt)) ? new Date(item.detectedAt) : fallbackDetectedAt;
    targets.push({
      path,
      line,
      detectedAt,
      apply: (blame) => {
        item.introducedAt = blame.authoredAt;
        item.introducedCommit = blame.commit;
      },
    });
  }
  return targets;
}
