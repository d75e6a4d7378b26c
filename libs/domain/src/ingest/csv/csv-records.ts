import type { ProblemList } from '../problem-list';

export type CsvDelimiter = ',' | ';';

export interface CsvField {
  text: string;
  /** 1-based physical line the field starts on; a quoted field may run over several. */
  line: number;
}

export interface CsvRecord {
  line: number;
  fields: CsvField[];
}

/**
 * Comma, unless the first line has more semicolons than commas outside quotes: spreadsheet programs
 * in locales that write decimal commas save "CSV" with semicolons.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Written here rather than taken from csv-parse (6.2.1 and 7.0.3 checked) because the messages a person
 * fixes a spreadsheet by need what that parser does not give: for `c,"open⏎still open⏎` it reports the
 * unclosed quote at line 3, where the input ended, not at line 2 column 2 where the field starts; its
 * records carry the line after they end, never each field's own line; and no setting both keeps
 * `27" monitor` as text and reports `"a"b` (strict mode refuses the first, `relax_quotes` silently reads
 * the second as the value `"a"b`, and `"" ` as the value `"" `).
 *
 * RFC 4180 records: fields in double quotes may hold delimiters, line breaks and doubled quotes;
 * records end at CRLF, LF or a lone CR. Each field keeps the physical line it starts on so problems
 * can point at it. Records whose fields are all blank (empty lines, rows of delimiters left by a
 * spreadsheet) are dropped. A quote that is never closed, or text after a closing quote (spaces
 * aside), is a problem; a quote inside an unquoted field is kept as text, as spreadsheets read it.
 */
export function readCsvRecords(text: string, delimiter: CsvDelimiter, problems: ProblemList): CsvRecord[] {
  const records: CsvRecord[] = [];
  let i = 0;
  let line = 1;
  let fields: CsvField[] = [];
  let recordLine = 1;

  const endOfLine = (): boolean => {
    if (text[i] === '\r') {
      i += text[i + 1] === '\n' ? 2 : 1;
    } else if (text[i] === '\n') {
      i++;
    } else {
      return false;
    }
    line++;
    return true;
  };

  while (i < text.length) {
    const fieldLine = line;
    const column = fields.length + 1;
    let value: string;
    if (text[i] === '"') {
      const parts: string[] = [];
      let start = ++i;
      for (;;) {
        if (i >= text.length) {
          problems.add({ line: fieldLine, column, message: `line ${fieldLine}, column ${column}: the quoted field is never closed (a quote inside it is written as "")` });
          return records;
        }
        const char = text[i];
        if (char === '"') {
          parts.push(text.slice(start, i));
          if (text[i + 1] === '"') {
            parts.push('"');
            i += 2;
            start = i;
            continue;
          }
          i++;
          break;
        }
        if (char === '\r' || char === '\n') {
          parts.push(text.slice(start, i), '\n');
          endOfLine();
          start = i;
          continue;
        }
        i++;
      }
      value = parts.join('');
      // Spaces after the closing quote are a common hand-editing slip and carry no data.
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') {
        problems.add({ line, column, message: `line ${line}, column ${column}: text after the closing quote (a quote inside a quoted field is written as "")` });
        while (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') i++;
      }
    } else {
      const start = i;
      while (i < text.length && text[i] !== delimiter && text[i] !== '\r' && text[i] !== '\n') i++;
      value = text.slice(start, i);
    }
    if (fields.length === 0) recordLine = fieldLine;
    fields.push({ text: value, line: fieldLine });

    if (text[i] === delimiter) {
      i++;
      if (i >= text.length) fields.push({ text: '', line });
      continue;
    }
    endOfLine();
    if (fields.some((field) => field.text.trim() !== '')) records.push({ line: recordLine, fields });
    fields = [];
  }
  if (fields.some((field) => field.text.trim() !== '')) records.push({ line: recordLine, fields });
  return records;
}
