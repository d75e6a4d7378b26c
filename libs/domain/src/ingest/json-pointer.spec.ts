import { childPointer, toJsonPointer } from './json-pointer';

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

describe(childPointer.name, () => {
  it('appends one escaped token, as toJsonPointer writes it', () => {
    expect(childPointer('/runs/0', 'a/b~')).toBe('/runs/0/a~1b~0');
    expect(childPointer('', 3)).toBe(toJsonPointer([3]));
  });
});
