import { neutraliseFormula } from './spreadsheet-text';

export type ExportCellType = 'text' | 'number' | 'date' | 'boolean';
export type ExportCellValue = string | number | boolean | Date | null;

/** One column of a CSV or XLSX export: its header, its cell type, and how a row fills it. */
export interface ExportColumn<T> {
  /** The column's name in CSV and XLSX headers, as docs/exports.md names it. */
  header: string;
  type: ExportCellType;
  /** Column width in XLSX, in characters. */
  width: number;
  value: (row: T) => ExportCellValue;
}

/** A table an export writes: the XLSX sheet's name and the columns. */
export interface ExportTable<T> {
  sheet: string;
  columns: readonly ExportColumn<T>[];
}

/**
 * A cell as CSV text: dates in ISO 8601 (UTC), numbers and booleans as JSON writes them, nothing for
 * no value, and text a spreadsheet would read as a formula neutralised.
 */
export function csvCell(value: ExportCellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutraliseFormula(value);
}

/**
 * A cell as XLSX writes it: typed values stay typed (dates as dates), text is neutralised as in CSV.
 * (XLSX is XML, whose readers turn a carriage return inside text into a line feed: a CR LF line break
 * reads back as LF, which is how spreadsheets break lines in a cell anyway. docs/exports.md says so.)
 */
export function xlsxCell(value: ExportCellValue): ExportCellValue {
  if (typeof value === 'string') return neutraliseFormula(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
