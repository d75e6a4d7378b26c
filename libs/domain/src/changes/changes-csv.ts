import { detectDelimiter, readCsvRecords } from '../ingest/csv/csv-records';
import type { InputProblem } from '../ingest/parsed-finding';
import { ProblemList } from '../ingest/problem-list';

/** CSV header (snake_case, as ticket-system exports write it) → the change's JSON field. */
export const CHANGE_CSV_COLUMNS = {
  service: 'service',
  ref: 'ref',
  title: 'title',
  author: 'author',
  ticket: 'ticket',
  commits: 'commits',
  base_commit: 'baseCommit',
  merge_commit: 'mergeCommit',
  opened_at: 'openedAt',
  merged_at: 'mergedAt',
  ai_assisted: 'aiAssisted',
  threat_model_linked: 'threatModelLinked',
  acceptance_criteria: 'acceptanceCriteria',
  prompt_context: 'promptContext',
  reviewed_against_model: 'reviewedAgainstModel',
} as const;

const BOOLEAN_FIELDS = new Set(['aiAssisted', 'threatModelLinked', 'acceptanceCriteria', 'promptContext', 'reviewedAgainstModel']);
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

export interface ChangeCsvRow {
  line: number;
  /** The change as JSON fields (blank cells left out, commits split on spaces, `;` or `|`, flags as booleans). */
  change: Record<string, unknown>;
  /** 1-based column of each JSON field, so a problem found later can point at its cell. */
  columns: Record<string, number>;
}

/**
 * Reads a changes CSV (a ticket-system export): a header row naming columns from `CHANGE_CSV_COLUMNS`,
 * then one change per row. Unknown columns, missing `service`/`ref` columns and flags that are not
 * true/false/yes/no/1/0 (blank is unknown) are problems with their line and column; the caller validates
 * the rest as it validates JSON.
 */
export function parseChangesCsv(text: string): { rows: ChangeCsvRow[]; problems: InputProblem[] } {
  const problems = new ProblemList();
  const records = readCsvRecords(text.replace(/^\uFEFF/, ''), detectDelimiter(text), problems);
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, message: 'the CSV is empty: a header row and one change per row are expected' }] };
  const fields = header.fields.map((f, index) => {
    const name = f.text.trim().toLowerCase() as keyof typeof CHANGE_CSV_COLUMNS;
    const field = CHANGE_CSV_COLUMNS[name];
    if (!field) problems.add({ line: header.line, column: index + 1, message: `unknown column "${f.text.trim()}"; known: ${Object.keys(CHANGE_CSV_COLUMNS).join(', ')}` });
    return field ?? null;
  });
  for (const required of ['service', 'ref']) if (!fields.includes(required as never)) problems.add({ line: header.line, message: `the header has no "${required}" column` });
  const rows: ChangeCsvRow[] = [];
  for (const record of body) {
    const change: Record<string, unknown> = {};
    const columns: Record<string, number> = {};
    record.fields.forEach((cell, index) => {
      const field = fields[index];
      const value = cell.text.trim();
      if (!field || value === '') return;
      columns[field] = index + 1;
      if (field === 'commits') change.commits = value.split(/[\s;|]+/).filter(Boolean);
      else if (BOOLEAN_FIELDS.has(field)) {
        const lower = value.toLowerCase();
        if (TRUE.has(lower)) change[field] = true;
        else if (FALSE.has(lower)) change[field] = false;
        else problems.add({ line: record.line, column: index + 1, message: `${field} must be true or false (or blank for unknown), not "${value}"` });
      } else change[field] = value;
    });
    rows.push({ line: record.line, change, columns });
  }
  return { rows, problems: problems.items };
}
