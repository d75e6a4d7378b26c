import * as fs from 'node:fs';
import type { JsonPath } from '@escapement/domain';
import { selectJsonValues } from './json-stream';
import { validateFindingItem } from '../../findings/finding-input.parser';
import type { ReadContext, ReadFinding } from './import-reader';
import { InputProblems, toInputDomainError } from './input-problems';
import { warnReplacedNul } from './record-warnings';

/** Reads a JSON array of findings (or `{ "findings": [...] }`) item by item, with the upload's defaults. */
export async function* readJsonFindings(context: ReadContext): AsyncGenerator<ReadFinding> {
  const problems = new InputProblems();
  const select = (path: JsonPath) => {
    if (path.length === 0) return 'descend';
    if (path.length === 1) return typeof path[0] === 'number' ? 'take' : path[0] === 'findings' ? 'descend' : 'skip';
    return path.length === 2 && path[0] === 'findings' && typeof path[1] === 'number' ? 'take' : 'skip';
  };
  const defaults = Object.fromEntries(
    Object.entries({ service: context.parameters.service, stage: context.parameters.stage, detectedAt: context.parameters.detectedAt, commit: context.parameters.commit, changeRef: context.parameters.change }).filter(
      ([, value]) => value !== undefined,
    ),
  );
  try {
    for await (const { value, pointer } of selectJsonValues(fs.createReadStream(context.file), select, { maxDepth: 32 })) {
      const item = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...defaults, ...value } : value;
      const { record, problems: found } = validateFindingItem(item, pointer, context.receivedAt);
      for (const problem of found) problems.add(problem);
      if (record && problems.count === 0) {
        if (!record.repo && context.parameters.repo) record.repo = context.parameters.repo;
        warnReplacedNul(context.warnings, record, { pointer });
        yield { record, suppressed: record.status === 'suppressed' };
      }
    }
  } catch (error) {
    throw toInputDomainError(error, 'JSON file') ?? error;
  }
  problems.throwIfAny('JSON file');
}
