import * as fs from 'node:fs';
import { guessSourceKind, parseSarifResult, sarifRunContext, type SarifRunContext, type JsonPath } from '@escapement/domain';
import { selectJsonValues } from './json-stream';
import type { ReadContext, ReadFinding } from './import-reader';
import { InputProblems, toInputDomainError } from './input-problems';
import { recordFromParsed } from './parsed-finding-record';
import { warnReplacedNul } from './record-warnings';

const STREAM_OPTIONS = { maxDepth: 64 };

/**
 * Reads a SARIF log in two streaming passes: first every run without its results (tool, rules,
 * taxonomies, base URIs), then the results one at a time. Memory holds one run's rules and one result.
 */
export async function* readSarif(context: ReadContext, tools: Set<string>): AsyncGenerator<ReadFinding> {
  const runs = new Map<number, SarifRunContext>();
  const problems = new InputProblems();
  let version: unknown;
  let sawRuns = false;
  const contextPass = (path: JsonPath) => {
    if (path.length === 0) return 'descend';
    if (path.length === 1) return path[0] === 'runs' ? 'descend' : path[0] === 'version' ? 'take' : 'skip';
    if (path.length === 2) return 'descend';
    return path[2] === 'results' ? 'skip' : 'take';
  };
  const runParts = new Map<number, Record<string, unknown>>();
  try {
    for await (const { path, value } of selectJsonValues(fs.createReadStream(context.file), contextPass, STREAM_OPTIONS)) {
      if (path[0] === 'version') version = value;
      else if (path[0] === 'runs' && typeof path[1] === 'number') {
        sawRuns = true;
        const parts = runParts.get(path[1]) ?? {};
        parts[String(path[2])] = value;
        runParts.set(path[1], parts);
      }
    }
  } catch (error) {
    throw toInputDomainError(error, 'SARIF file') ?? error;
  }
  if (typeof version !== 'string' || !/^2\.1\.0(-rtm\.\d+)?$/.test(version)) {
    problems.add({ pointer: '/version', message: `is ${JSON.stringify(version)}; only SARIF 2.1.0 is supported` });
    problems.throwIfAny('SARIF file');
  }
  if (!sawRuns) return;
  try {
    for (const [index, parts] of runParts) runs.set(index, sarifRunContext(parts, `/runs/${index}`));
  } catch (error) {
    throw toInputDomainError(error, 'SARIF file') ?? error;
  }

  const resultPass = (path: JsonPath) => {
    if (path.length < 3) return path.length === 1 && path[0] !== 'runs' ? 'skip' : 'descend';
    if (path.length === 3) return path[2] === 'results' ? 'descend' : 'skip';
    return 'take';
  };
  try {
    for await (const { path, value, pointer } of selectJsonValues(fs.createReadStream(context.file), resultPass, STREAM_OPTIONS)) {
      const run = runs.get(path[1] as number);
      if (!run) continue;
      try {
        const parsed = parseSarifResult(value, run, pointer);
        // Passing checks and results absent from the baseline are not findings.
        if (parsed === null) continue;
        if (parsed.tool) tools.add(parsed.tool);
        const outcome = recordFromParsed(parsed, context, guessSourceKind(parsed.tool ?? ''), true);
        if ('problem' in outcome) problems.add({ pointer, message: outcome.problem.message });
        else if (problems.count === 0) {
          for (const warning of parsed.warnings ?? []) context.warnings.add(warning);
          warnReplacedNul(context.warnings, outcome.record, { pointer });
          yield { record: outcome.record, suppressed: parsed.suppressed };
        }
      } catch (error) {
        const domainError = toInputDomainError(error, 'SARIF file');
        if (!domainError) throw error;
        for (const p of domainError.errors) problems.add(p);
      }
    }
  } catch (error) {
    throw toInputDomainError(error, 'SARIF file') ?? error;
  }
  problems.throwIfAny('SARIF file');
}
