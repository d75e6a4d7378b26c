import { childPointer } from '../json-pointer';
import { isJsonObject } from '../json-reader';
import { InputError, type ParsedFinding } from '../parsed-finding';
import { ProblemList } from '../problem-list';
import { parseSarifResult } from './parse-sarif-result';
import { sarifRunContext } from './sarif-run-context';

export interface SarifLogContents {
  /** One per result that is a finding, in log order; results sharing a fingerprint are not merged here. */
  findings: ParsedFinding[];
  runs: number;
  /** Every result in the log, including those that are not findings. */
  results: number;
  /** Results that are not findings: passes, not-applicable checks and baseline results now absent. */
  skipped: number;
}

/**
 * "2.1.0", and the release-candidate drafts ("2.1.0-rtm.5") that tools and schemastore still name:
 * they differ from the standard only in details this importer does not read. SARIF 1.0 and 2.0 are
 * shaped differently and are refused.
 */
const SUPPORTED_VERSION = /^2\.1\.0(-rtm\.\d+)?$/;

/**
 * A whole SARIF 2.1.0 log held in memory. A log without runs (or with `runs: null`, which a tool
 * writes when it failed to start) has no findings and is not an error. Every problem in the log is
 * collected, up to a cap, before the InputError is thrown.
 */
export function parseSarifLog(log: unknown): SarifLogContents {
  if (!isJsonObject(log)) throw new InputError('A SARIF log is a JSON object', [{ pointer: '', message: 'must be a sarifLog object' }]);
  const problems = new ProblemList();
  const version = log.version;
  if (version === undefined) problems.at('/version', 'is required: SARIF logs say which version they are (2.1.0)');
  else if (typeof version !== 'string' || !SUPPORTED_VERSION.test(version)) {
    problems.at('/version', `${JSON.stringify(version)} is not SARIF 2.1.0; convert older logs with the SARIF Multitool`);
  }
  const runs = log.runs ?? [];
  if (!Array.isArray(runs)) problems.at('/runs', 'must be an array');
  problems.throwIfAny('the SARIF log');

  const contents: SarifLogContents = { findings: [], runs: (runs as unknown[]).length, results: 0, skipped: 0 };
  (runs as unknown[]).forEach((run, runIndex) => {
    const runPointer = childPointer('/runs', runIndex);
    const context = attempt(problems, () => sarifRunContext(run, runPointer));
    if (context === FAILED || !isJsonObject(run)) return;
    const results = run.results ?? [];
    if (!Array.isArray(results)) {
      problems.at(childPointer(runPointer, 'results'), 'must be an array');
      return;
    }
    contents.results += results.length;
    results.forEach((result, resultIndex) => {
      const finding = attempt(problems, () => parseSarifResult(result, context, childPointer(childPointer(runPointer, 'results'), resultIndex)));
      if (finding === null) contents.skipped++;
      else if (finding !== FAILED) contents.findings.push(finding);
    });
  });
  problems.throwIfAny('the SARIF log');
  return contents;
}

const FAILED = Symbol('failed');

/** Runs a parse step, moving its problems into the log's list instead of stopping at the first. */
function attempt<T>(problems: ProblemList, step: () => T): T | typeof FAILED {
  try {
    return step();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.addAll(error.problems);
    return FAILED;
  }
}
