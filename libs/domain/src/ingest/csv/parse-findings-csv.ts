import { DETECTION_STAGES } from '../../model/detection-stage';
import { FINDING_STATUSES, SOURCE_KINDS } from '../../model/finding';
import { isCweId, sortedCweIds } from '../cwe-ids';
import {
  FIELD_MAX_LENGTH,
  MAX_CWE_IDS,
  MAX_LINE,
  notOneOf,
  oneLine,
  parseSeverity,
  parseSourceKind,
  parseStage,
  parseStatus,
  SEVERITY_CHOICES,
} from '../field-values';
import { parseCommitId } from '../commit-id';
import { computeFindingFingerprint } from '../finding-fingerprint';
import { parseIsoDateTime } from '../iso-date-time';
import type { InputProblem, ParsedFinding } from '../parsed-finding';
import { ProblemList } from '../problem-list';
import { CSV_COLUMNS, csvColumnOf, REQUIRED_CSV_COLUMNS, type CsvColumn } from './csv-columns';
import { detectDelimiter, readCsvRecords, type CsvRecord } from './csv-records';

/**
 * Findings from a CSV file with a header row (columns and rules: csv-columns.ts). Every problem is
 * collected, with its physical line, column number and column name, before one InputError is thrown,
 * so a person can fix a sheet in one pass; nothing is returned unless the whole file is valid.
 */
export function parseFindingsCsv(text: string): ParsedFinding[] {
  const problems = new ProblemList();
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const [header, ...rows] = readCsvRecords(body, detectDelimiter(body), problems);
  if (header === undefined) {
    if (problems.count === 0) problems.add({ line: 1, message: 'line 1: the file is empty; its first line must name the columns (at least title and severity)' });
    problems.throwIfAny('the CSV file');
  }
  const layout = readHeader(header, problems);
  const findings: ParsedFinding[] = [];
  if (layout !== null) {
    for (const row of rows) {
      const finding = readRow(row, layout, problems);
      if (finding !== null) findings.push(finding);
    }
  }
  problems.throwIfAny('the CSV file');
  return findings;
}

interface Layout {
  indexOf: ReadonlyMap<CsvColumn, number>;
  /** Positions with a header name; values anywhere else would be lost, so they are errors. */
  named: ReadonlySet<number>;
}

function readHeader(header: CsvRecord, problems: ProblemList): Layout | null {
  const indexOf = new Map<CsvColumn, number>();
  const named = new Set<number>();
  header.fields.forEach((field, index) => {
    const at = `line ${field.line}, column ${index + 1}`;
    const name = field.text.trim();
    if (name === '') return;
    const column = csvColumnOf(name);
    const earlier = column === null ? undefined : indexOf.get(column);
    if (column === null) {
      problems.add({ line: field.line, column: index + 1, message: `${at}: unknown column ${JSON.stringify(name)}; the columns are ${CSV_COLUMNS.join(', ')}` });
    } else if (earlier !== undefined) {
      problems.add({ line: field.line, column: index + 1, message: `${at}: column ${column} appears twice (also column ${earlier + 1})` });
    } else {
      indexOf.set(column, index);
    }
    named.add(index);
  });
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !indexOf.has(column));
  for (const column of missing) problems.add({ line: header.line, message: `line ${header.line}: the ${column} column is missing; it is required` });
  return missing.length > 0 ? null : { indexOf, named };
}

/** A non-blank cell, trimmed, with where it is for messages. */
interface Cell {
  text: string;
  line: number;
  column: number;
  name: CsvColumn;
}

/** A finding, or null after adding the row's problems in reading order (line, then column). */
function readRow(row: CsvRecord, layout: Layout, problems: ProblemList): ParsedFinding | null {
  const rowProblems: InputProblem[] = [];
  const report = (cell: Pick<Cell, 'line' | 'column' | 'name'>, message: string) =>
    rowProblems.push({ line: cell.line, column: cell.column, message: `line ${cell.line}, column ${cell.column} (${cell.name}): ${message}` });

  const stray = row.fields.findIndex((field, index) => !layout.named.has(index) && field.text.trim() !== '');
  if (stray >= 0) {
    const at = `line ${row.fields[stray].line}, column ${stray + 1}`;
    rowProblems.push({ line: row.fields[stray].line, column: stray + 1, message: `${at}: a value in a column the header does not name` });
  }

  const cell = (name: CsvColumn): Cell | null => {
    const index = layout.indexOf.get(name);
    const field = index === undefined ? undefined : row.fields[index];
    if (index === undefined || field === undefined || field.text.trim() === '') return null;
    return { text: field.text.trim(), line: field.line, column: index + 1, name };
  };
  /** Required columns are in every layout, so only the cell can be missing. */
  const required = (name: CsvColumn): Cell | null => {
    const found = cell(name);
    if (found === null) report({ line: row.line, column: (layout.indexOf.get(name) ?? 0) + 1, name }, 'is required');
    return found;
  };
  const text = (name: CsvColumn, max: number): string | null => {
    const found = cell(name);
    if (found === null) return null;
    if (found.text.length > max) report(found, `is ${found.text.length} characters long; at most ${max} are allowed`);
    return found.text;
  };
  const choice = <T>(name: CsvColumn, parse: (text: string, lenient: boolean) => T | null, choices: readonly string[]): T | null => {
    const found = cell(name);
    if (found === null) return null;
    const value = parse(found.text, true);
    if (value === null) report(found, notOneOf(found.text, choices));
    return value;
  };
  const date = (name: CsvColumn): string | null => {
    const found = cell(name);
    if (found === null) return null;
    const iso = parseIsoDateTime(found.text);
    if (iso === null) report(found, `${JSON.stringify(found.text)} is not a date; write 2026-05-04 or 2026-05-04T10:00:00Z`);
    return iso;
  };

  const titleCell = required('title');
  const title = titleCell === null ? null : oneLine(titleCell.text);
  if (titleCell !== null && title !== null && title.length > FIELD_MAX_LENGTH.title) {
    report(titleCell, `is ${title.length} characters long; at most ${FIELD_MAX_LENGTH.title} are allowed`);
  }
  const severityCell = required('severity');
  const severity = severityCell === null ? null : parseSeverity(severityCell.text, true);
  if (severityCell !== null && severity === null) report(severityCell, notOneOf(severityCell.text, SEVERITY_CHOICES));

  const service = text('service', FIELD_MAX_LENGTH.service);
  const sourceKind = choice('source_kind', parseSourceKind, SOURCE_KINDS);
  const tool = text('tool', FIELD_MAX_LENGTH.tool);
  const ruleId = text('rule_id', FIELD_MAX_LENGTH.ruleId);
  const cweIds = readCweIds(cell('cwe'), report);
  const repo = text('repo', FIELD_MAX_LENGTH.repo);
  const path = text('path', FIELD_MAX_LENGTH.path);
  const line = readLine(cell('line'), report);
  const fingerprint = text('fingerprint', FIELD_MAX_LENGTH.fingerprint);
  const stage = choice('stage', parseStage, DETECTION_STAGES);
  const detectedAt = date('detected_at');
  const introducedAt = date('introduced_at');
  const introducedCell = cell('introduced_at');
  if (introducedCell && introducedAt && detectedAt && introducedAt > detectedAt) {
    report(introducedCell, 'is after detected_at: a flaw cannot be found before it exists');
  }
  const commitCell = cell('introduced_commit');
  const introducedCommit = commitCell === null ? null : parseCommitId(commitCell.text);
  if (commitCell !== null && introducedCommit === null) report(commitCell, `${JSON.stringify(commitCell.text)} is not a commit id: 4 to 64 hexadecimal digits`);
  const status = choice('status', parseStatus, FINDING_STATUSES);

  if (rowProblems.length > 0 || title === null || severity === null) {
    problems.addAll(rowProblems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
    return null;
  }
  return {
    tool,
    ruleId,
    title,
    severity,
    cweIds,
    sourceKind,
    location: { repo, path, line },
    fingerprint: fingerprint ?? computeFindingFingerprint({ tool, ruleId, repo, path, title, cweIds }),
    suppressed: false,
    detectedAt,
    introducedAt,
    introducedCommit,
    status,
    stage,
    service,
    inputLine: row.line,
  };
}

/** "CWE-639; CWE-285", "639, 285" or "CWE 639": ids only, so a typo is caught rather than skipped. */
function readCweIds(cell: Cell | null, report: (cell: Cell, message: string) => void): number[] {
  if (cell === null) return [];
  const ids: number[] = [];
  const tokens = cell.text.replace(/cwe[\s:_-]*/gi, 'CWE-').split(/[\s,;]+/).filter((token) => token !== '');
  for (const token of tokens) {
    const match = /^(?:CWE-)?0*(\d{1,6})$/.exec(token);
    const id = match ? Number(match[1]) : NaN;
    if (!isCweId(id)) {
      report(cell, `${JSON.stringify(token)} is not a CWE id; write CWE-639 or 639, separated by commas`);
      return [];
    }
    ids.push(id);
  }
  const unique = sortedCweIds(ids);
  if (unique.length > MAX_CWE_IDS) report(cell, `lists ${unique.length} CWE ids; at most ${MAX_CWE_IDS} are allowed`);
  return unique;
}

function readLine(cell: Cell | null, report: (cell: Cell, message: string) => void): number | null {
  if (cell === null) return null;
  const line = /^\d{1,8}$/.test(cell.text) ? Number(cell.text) : NaN;
  if (line <= MAX_LINE) return line;
  report(cell, `${JSON.stringify(cell.text)} is not a line number (a whole number up to ${MAX_LINE})`);
  return null;
}
