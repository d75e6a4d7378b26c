import { lineAndColumn, routesToOneOf } from './json-body';

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
