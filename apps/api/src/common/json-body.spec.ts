import { lineAndColumn, tooDeepAt } from './json-body';

describe(tooDeepAt.name, () => {
  it('finds the first bracket past the limit, ignoring brackets inside strings', () => {
    const sut = tooDeepAt;
    expect(sut('[[[]]]', 3)).toBe(-1);
    expect(sut('[[[[]]]]', 3)).toBe(3);
    expect(sut('["[[[[", {"a": "\\"[[["}]', 2)).toBe(-1);
  });
});

describe(lineAndColumn.name, () => {
  it('counts lines and columns from 1', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });
});
