import { jsonTooDeepAt } from './json-nesting';

describe(jsonTooDeepAt.name, () => {
  it('finds the first bracket past the limit, ignoring brackets inside strings', () => {
    const sut = jsonTooDeepAt;
    expect(sut('[[[]]]', 3)).toBe(-1);
    expect(sut('[[[[]]]]', 3)).toBe(3);
    expect(sut('["[[[[", {"a": "\\"[[["}]', 2)).toBe(-1);
  });
});
