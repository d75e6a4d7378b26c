import { locateJsonPointers } from './json-locator';

describe(locateJsonPointers.name, () => {
  const text = '{\n  "a/b": {"x~y": [10, {"k": "v\\"}"}, [true]]},\n  "list": [ "s", null ],\n  "n": -1.5e3\n}';
  const sut = (...pointers: string[]) => locateJsonPointers(text, pointers).map((offset) => (offset === null ? null : text.slice(offset, offset + 6)));

  it('finds members at their key, items at their start, and the root at its value', () => {
    expect(sut('', '/a~1b', '/a~1b/x~0y', '/a~1b/x~0y/0', '/a~1b/x~0y/1/k', '/a~1b/x~0y/2/0')).toEqual(['{\n  "a', '"a/b":', '"x~y":', '10, {"', '"k": "', 'true]]']);
    expect(sut('/list/1', '/n')).toEqual(['null ]', '"n": -']);
  });

  it('reads strings with escaped quotes and brackets as strings', () => {
    expect(sut('/list/0')).toEqual(['"s", n']);
  });

  it('falls back to the nearest ancestor that exists', () => {
    expect(sut('/a~1b/x~0y/9', '/missing/0', '/list/0/deeper')).toEqual(['"x~y":', '{\n  "a', '"s", n']);
  });
});
