import { isNeutralised, neutraliseFormula } from './spreadsheet-text';

describe(neutraliseFormula.name, () => {
  it.each(['=1+1', '+44 20', '-2', '@SUM(A1)', '\tcmd', '\rcmd', `=HYPERLINK("http://x","y")`])('puts an apostrophe before %j', (text) => {
    const sut = neutraliseFormula(text);
    expect(sut).toBe(`'${text}`);
    expect(isNeutralised(sut)).toBe(true);
  });

  it.each(['Refund endpoint', 'a=b', ' =spaced', '', "'quoted", 'Выплата = 1', '支払い'])('leaves %j as it is', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
    expect(isNeutralised(neutraliseFormula(text))).toBe(false);
  });
});
