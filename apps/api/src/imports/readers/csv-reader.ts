import * as fs from 'node:fs';
import { parseFindingsCsv } from '@escapement/domain';
import type { ReadContext, ReadFinding } from './import-reader';
import { InputProblems, toInputDomainError } from './input-problems';
import { recordFromParsed } from './parsed-finding-record';
import { warnReplacedNul } from './record-warnings';

/** Spreadsheets are small next to scanner output: read whole, reported by line and column. */
export async function* readCsv(context: ReadContext): AsyncGenerator<ReadFinding> {
  const text = await fs.promises.readFile(context.file, 'utf8');
  let parsed;
  try {
    parsed = parseFindingsCsv(text);
  } catch (error) {
    throw toInputDomainError(error, 'CSV file') ?? error;
  }
  const problems = new InputProblems();
  const records = [];
  for (const [index, finding] of parsed.entries()) {
    const outcome = recordFromParsed(finding, context, 'other', false);
    if ('problem' in outcome) problems.add({ message: `data row ${index + 1}: ${outcome.problem.message}` });
    else {
      warnReplacedNul(context.warnings, outcome.record, { line: finding.inputLine });
      records.push({ record: outcome.record, suppressed: finding.status === 'suppressed' });
    }
  }
  problems.throwIfAny('CSV file');
  yield* records;
}
