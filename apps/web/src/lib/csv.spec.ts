import { csvCell, toCsv } from './csv';

describe(csvCell.name, () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('=HYPERLINK("http://x","a,b")')).toBe(`"'=HYPERLINK(""http://x"",""a,b"")"`);
  });

  it('keeps numbers as numbers, negative ones included, and leaves missing values empty', () => {
    expect(csvCell(-0.08)).toBe('-0.08');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });
});

describe(toCsv.name, () => {
  it('writes a header and rows with CRLF line ends', () => {
    expect(
      toCsv(
        ['period', 'rate'],
        [
          ['2025-01-01', 0.25],
          ['2025-02-01', null],
        ],
      ),
    ).toBe('period,rate\r\n2025-01-01,0.25\r\n2025-02-01,\r\n');
  });
});
