import { csvColumnOf } from './csv/csv-columns';

export type ImportFormat = 'sarif' | 'json' | 'csv';

/**
 * Which importer a file needs, from its first few kilobytes (the head may cut JSON off anywhere, so
 * it is matched, not parsed) and, when the content cannot tell, its name:
 * - SARIF: JSON naming a SARIF `$schema`, or `"version": "2.1.0…"` with `runs`, or `runs` holding a
 *   `tool`/`driver` (some tools write `version` last, beyond the head);
 * - JSON findings: a JSON array, or an object with `findings`;
 * - CSV: a first line of comma- or semicolon-separated names, one of which is `title`.
 * Null when none fits.
 */
export function detectFormat(head: string, fileName?: string): ImportFormat | null {
  const text = head.startsWith('\uFEFF') ? head.slice(1) : head;
  const start = text.trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return detectJson(start) ?? byExtension(fileName, ['sarif', 'json']);
  if (looksLikeCsvHeader(text)) return 'csv';
  return start === '' ? byExtension(fileName, ['sarif', 'json', 'csv']) : null;
}

function detectJson(text: string): ImportFormat | null {
  if (/"\$schema"\s*:\s*"[^"]*sarif/i.test(text)) return 'sarif';
  const runs = /"runs"\s*:/.test(text);
  if (runs && /"version"\s*:\s*"2\.1\.0[^"]*"/.test(text)) return 'sarif';
  if (runs && /"(tool|driver)"\s*:\s*\{/.test(text)) return 'sarif';
  if (text.startsWith('[')) return 'json';
  if (/"findings"\s*:/.test(text)) return 'json';
  return null;
}

function looksLikeCsvHeader(text: string): boolean {
  const firstLine = text.split(/\r\n|\r|\n/, 1)[0];
  const cells = firstLine.split(/[,;]/).map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
  return cells.length > 1 && cells.some((cell) => csvColumnOf(cell) === 'title');
}

function byExtension(fileName: string | undefined, allowed: readonly ImportFormat[]): ImportFormat | null {
  const name = fileName?.toLowerCase() ?? '';
  const format: ImportFormat | null = /\.sarif(\.json)?$/.test(name) ? 'sarif' : name.endsWith('.json') ? 'json' : name.endsWith('.csv') ? 'csv' : null;
  return format !== null && allowed.includes(format) ? format : null;
}
