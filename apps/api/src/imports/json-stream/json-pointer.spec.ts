import { toJsonPointer } from './json-pointer';

describe(toJsonPointer.name, () => {
  const sut = toJsonPointer;

  it('is empty for the root and joins keys and indexes with slashes', () => {
    expect(sut([])).toBe('');
    expect(sut(['runs', 0, 'results', 12, 'level'])).toBe('/runs/0/results/12/level');
  });

  it('escapes ~ before / as RFC 6901 requires, and keeps empty keys', () => {
    expect(sut(['a/b', 'm~n', '~1', ''])).toBe('/a~1b/m~0n/~01/');
  });
});
