/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage return, that
 * some spreadsheets strip before doing so). OWASP's "CSV injection" advice: such a cell gets a leading
 * apostrophe, which spreadsheets show as text and which a reader of the file can strip again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet will show as text, never evaluate: a formula-like value gets a leading `'`. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Whether a cell's text was neutralised by `neutraliseFormula` (for readers that want the original back). */
export function isNeutralised(text: string): boolean {
  return text.startsWith(`'`) && FORMULA_START.test(text.slice(1));
}
