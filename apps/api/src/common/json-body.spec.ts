import { lineAndColumn, routesToOneOf, tooDeepAt } from './json-body';

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

describe(routesToOneOf.name, () => {
  it('matches a path as express routes it: any case, with or without a trailing slash, nothing below it', () => {
    const sut = routesToOneOf(['/api/v1/imports', '/api/v1/threat-models']);
    for (const path of ['/api/v1/imports', '/api/v1/imports/', '/api/v1/IMPORTS', '/API/V1/Threat-Models/']) expect(sut(path)).toBe(true);
    for (const path of ['/api/v1/imports/123', '/api/v1/import', '/api/v1/findings', '/api/v1/threat-models/x/components']) expect(sut(path)).toBe(false);
  });
});
