/** The columns of a findings spreadsheet; docs/csv.md describes each for users. */

export const CSV_COLUMNS = [
  'title',
  'severity',
  'service',
  'source_kind',
  'tool',
  'rule_id',
  'cwe',
  'repo',
  'path',
  'line',
  'fingerprint',
  'stage',
  'detected_at',
  'introduced_at',
  'introduced_commit',
  'status',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = ['title', 'severity'];

/** The column a header cell names, or null: case, surrounding space and `_`/`-`/space do not matter. */
export function csvColumnOf(header: string): CsvColumn | null {
  const name = header.trim().toLowerCase().replace(/[\s_-]+/g, '_');
  return (CSV_COLUMNS as readonly string[]).includes(name) ? (name as CsvColumn) : null;
}
