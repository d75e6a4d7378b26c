import { CONTEXT_FLAGS, parseChangesCsv, type ContextFlagSource } from '@escapement/domain';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { invalid, type ProblemDetail } from '../common/domain-error';
import { toProblemDetails } from '../common/validation';
import { ChangeInput, type ChangeRecord } from './change.dto';

export const MAX_CHANGES_PER_REQUEST = 5_000;

/**
 * Validates changes as a whole: every problem is reported with its JSON pointer (a merge before the
 * opening, a malformed commit id, a ref sent twice in one body), and nothing is accepted unless all is valid.
 * `prefix` is the pointer of the list ('' for a bare array, '/changes' inside an object).
 */
export function parseChanges(items: unknown[], prefix: string, source: ContextFlagSource): ChangeRecord[] {
  if (items.length > MAX_CHANGES_PER_REQUEST) {
    throw invalid(`At most ${MAX_CHANGES_PER_REQUEST} changes per request`, [{ pointer: prefix || '/', message: `has ${items.length} items` }]);
  }
  const problems: ProblemDetail[] = [];
  const records: ChangeRecord[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const pointer = `${prefix}/${index}`;
    const result = parseChange(item, pointer, source);
    if (!result.record) return problems.push(...result.problems);
    const key = JSON.stringify([result.record.serviceName, result.record.ref]);
    const first = seen.get(key);
    if (first !== undefined) return problems.push({ pointer: `${pointer}/ref`, message: `repeats the change ${result.record.ref} of ${result.record.serviceName} already at ${prefix}/${first}` });
    seen.set(key, index);
    records.push(result.record);
  });
  if (problems.length) {
    throw invalid(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the changes; first at ${problems[0].pointer}: ${problems[0].message}`, problems.slice(0, 100));
  }
  return records;
}

/** One change: its problems carry JSON pointers under `pointer` ('' for a single change posted alone). */
export function parseChange(item: unknown, pointer: string, source: ContextFlagSource): { record: ChangeRecord | null; problems: ProblemDetail[] } {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return { record: null, problems: [{ pointer: pointer || '/', message: 'expected an object' }] };
  const input = plainToInstance(ChangeInput, item);
  const problems = toProblemDetails(validateSync(input, { whitelist: true, forbidNonWhitelisted: true }), pointer);
  const openedAt = input.openedAt ? new Date(input.openedAt) : null;
  const mergedAt = input.mergedAt ? new Date(input.mergedAt) : null;
  if (!problems.length && openedAt && mergedAt && mergedAt < openedAt) problems.push({ pointer: `${pointer}/mergedAt`, message: 'is before openedAt: a change cannot be merged before it is opened' });
  if (problems.length) return { record: null, problems };
  const flags = Object.fromEntries(CONTEXT_FLAGS.map((flag) => [flag, input[flag] ?? null])) as ChangeRecord['flags'];
  const lower = (commit: string | undefined) => commit?.toLowerCase() ?? null;
  return {
    record: {
      serviceName: input.service.trim(),
      ref: input.ref.trim(),
      title: input.title?.trim() || null,
      author: input.author?.trim() || null,
      ticket: input.ticket?.trim() || null,
      commits: [...new Set((input.commits ?? []).map((c) => c.toLowerCase()))],
      baseCommit: lower(input.baseCommit),
      mergeCommit: lower(input.mergeCommit),
      openedAt,
      mergedAt,
      aiAssisted: input.aiAssisted ?? null,
      flags,
      source,
    },
    problems,
  };
}

/**
 * A changes CSV (a ticket-system export), validated like JSON; every problem names its line and column
 * (the column of the field at fault, when the problem is about one).
 */
export function parseChangesCsvBody(text: string, source: ContextFlagSource): ChangeRecord[] {
  const { rows, problems } = parseChangesCsv(text);
  const found: ProblemDetail[] = problems.map((p) => ({ line: p.line, column: p.column, message: p.message }));
  const records: ChangeRecord[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const result = parseChange(row.change, '', source);
    for (const problem of result.problems) {
      const field = problem.pointer?.split('/')[1] ?? '';
      found.push({ line: row.line, ...(row.columns[field] ? { column: row.columns[field] } : {}), message: `${field || 'row'}: ${problem.message}` });
    }
    if (!result.record) continue;
    const key = JSON.stringify([result.record.serviceName, result.record.ref]);
    const first = seen.get(key);
    if (first !== undefined) found.push({ line: row.line, column: row.columns.ref, message: `repeats the change ${result.record.ref} of ${result.record.serviceName} already on line ${first}` });
    else seen.set(key, row.line);
    records.push(result.record);
  }
  if (records.length > MAX_CHANGES_PER_REQUEST) found.push({ line: 1, message: `at most ${MAX_CHANGES_PER_REQUEST} changes per request` });
  if (found.length) {
    const first = found[0];
    throw invalid(`${found.length} problem${found.length === 1 ? '' : 's'} in the changes CSV; first at line ${first.line}${first.column ? `, column ${first.column}` : ''}: ${first.message}`, found.slice(0, 100));
  }
  return records;
}
