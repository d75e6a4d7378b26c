import { ProblemList } from '../problem-list';
import { detectDelimiter, readCsvRecords } from './csv-records';

const sut = readCsvRecords;

function read(text: string, delimiter: ',' | ';' = ',') {
  const problems = new ProblemList();
  const records = sut(text, delimiter, problems);
  return { rows: records.map((record) => [record.line, ...record.fields.map((field) => field.text)]), problems: problems.items };
}

describe(readCsvRecords.name, () => {
  it('splits plain fields and records on LF, CRLF and CR', () => {
    expect(read('a,b\nc,d\r\ne,f\rg,h').rows).toEqual([
      [1, 'a', 'b'],
      [2, 'c', 'd'],
      [3, 'e', 'f'],
      [4, 'g', 'h'],
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, counting physical lines', () => {
    const { rows, problems } = read('title,notes\r\n"Refund, partial","He said ""no""\r\nthen left"\r\nnext,row\r\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      [1, 'title', 'notes'],
      [2, 'Refund, partial', 'He said "no"\nthen left'],
      [4, 'next', 'row'],
    ]);
  });

  it('gives every field the physical line it starts on, after a field that spans lines', () => {
    const problems = new ProblemList();
    const [, record] = sut('a,b,c\n"one\ntwo",x,"three\nfour"\r\n', ',', problems);
    expect(record.fields.map((field) => [field.line, field.text])).toEqual([
      [2, 'one\ntwo'],
      [3, 'x'],
      [3, 'three\nfour'],
    ]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(read('a,,c,\n').rows).toEqual([[1, 'a', '', 'c', '']]);
  });

  it('drops empty lines and rows of delimiters', () => {
    const { rows, problems } = read('a,b\n\n,\n ,"" \nc,d\n');
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      [1, 'a', 'b'],
      [5, 'c', 'd'],
    ]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(read('27" monitor,x').rows).toEqual([[1, '27" monitor', 'x']]);
  });

  it('reports a quote that is never closed at the line where the field starts', () => {
    const { rows, problems } = read('a,b\nc,"open\nstill open\n');
    expect(rows).toEqual([[1, 'a', 'b']]);
    expect(problems).toEqual([{ line: 2, column: 2, message: 'line 2, column 2: the quoted field is never closed (a quote inside it is written as "")' }]);
  });

  it('reports text after a closing quote', () => {
    expect(read('"a"b,c').problems).toEqual([{ line: 1, column: 1, message: 'line 1, column 1: text after the closing quote (a quote inside a quoted field is written as "")' }]);
  });

  it('splits on semicolons when told to', () => {
    expect(read('title;cwe\nX;"CWE-1; CWE-2"', ';').rows).toEqual([
      [1, 'title', 'cwe'],
      [2, 'X', 'CWE-1; CWE-2'],
    ]);
  });
});

describe(detectDelimiter.name, () => {
  it('picks semicolons only when the first line has more of them than commas outside quotes', () => {
    expect(detectDelimiter('title,severity\nx;y;z')).toBe(',');
    expect(detectDelimiter('title;severity;cwe\n')).toBe(';');
    expect(detectDelimiter('"a,b,c";d;e')).toBe(';');
    expect(detectDelimiter('title')).toBe(',');
  });
});
