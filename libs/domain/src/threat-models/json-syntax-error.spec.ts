import { jsonSyntaxErrorOffset } from './json-syntax-error';

describe(jsonSyntaxErrorOffset.name, () => {
  const sut = jsonSyntaxErrorOffset;

  it.each([
    ['{"a": }', 6],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['{a: 1}', 1],
    ['[1, 2,]', 6],
    ['[1 2]', 3],
    ['{"a": [1, 2}', 11],
    ['{"a": "b', 8],
    ['{"a": "line\nbreak"}', 11],
    ['{"a": "\\x"}', 7],
    ['{"a": "\\u12G4"}', 7],
    ['{"a": 01}', 7],
    ['{"a": tru}', 6],
    ['{"a": 1} x', 9],
    ['{"a": 1', 7],
    ['', 0],
    ['// comment\n{}', 0],
  ])('finds the error in %j at %d', (text, offset) => {
    expect(sut(text)).toBe(offset);
  });

  it.each(['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]} ', '"just a string"', '0'])('finds none in valid JSON %j', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(sut(text)).toBeNull();
  });

  it('gives up on nesting too deep to scan, rather than failing', () => {
    expect(sut('['.repeat(200_000))).toBeNull();
  });
});
