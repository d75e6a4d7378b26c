/**
 * What an import accepted but had to change or leave out: stored with the import and shown with it, so
 * nothing in an upload is altered silently. A problem refuses an upload; a warning does not.
 */
export const IMPORT_WARNING_CODES = [
  /** A SARIF `artifactLocation.index` past the run's `artifacts`: the location's `uri` was used instead. */
  'artifact_index_out_of_range',
  /** Bytes that are not UTF-8 were read as U+FFFD. */
  'invalid_utf8_replaced',
  /** NUL characters, which PostgreSQL text cannot hold, were stored as U+FFFD. */
  'nul_replaced',
  /** More warnings than are listed: the last entry says how many were left out. */
  'more_warnings',
] as const;
export type ImportWarningCode = (typeof IMPORT_WARNING_CODES)[number];

/** Where: a JSON pointer for JSON inputs, a 1-based line for text ones (and for bytes of any file). */
export interface ImportWarning {
  code: ImportWarningCode;
  message: string;
  pointer?: string;
  line?: number;
}

/** Enough to see what happened and where; an upload with more says how many more. */
export const MAX_LISTED_WARNINGS = 100;

/** Collects an import's warnings up to the cap, counting the rest. */
export class ImportWarnings {
  private readonly items: ImportWarning[] = [];
  private total = 0;

  add(warning: ImportWarning): void {
    this.total += 1;
    if (this.items.length < MAX_LISTED_WARNINGS) this.items.push(warning);
  }

  get count(): number {
    return this.total;
  }

  /** The listed warnings, with a last `more_warnings` entry when some were left out. */
  list(): ImportWarning[] {
    const left = this.total - this.items.length;
    if (left === 0) return [...this.items];
    return [...this.items, { code: 'more_warnings', message: `${left} more warning${left === 1 ? '' : 's'} not listed` }];
  }
}
