import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_STRING_LENGTH, resolveLimits } from './json-stream-options';

describe(resolveLimits.name, () => {
  const sut = resolveLimits;

  it('defaults to depth 64, strings of 10 MB and no cap on taken values', () => {
    expect(sut()).toEqual({ maxDepth: 64, maxStringLength: 10 * 1024 * 1024, maxTakenValueBytes: Infinity });
    expect([DEFAULT_MAX_DEPTH, DEFAULT_MAX_STRING_LENGTH]).toEqual([64, 10_485_760]);
  });

  it('keeps the limits it is given', () => {
    expect(sut({ maxDepth: 3, maxStringLength: 100, maxTakenValueBytes: 1000 })).toEqual({ maxDepth: 3, maxStringLength: 100, maxTakenValueBytes: 1000 });
  });

  it.each([0, -1, 1.5, NaN])('refuses %p as a limit', (limit) => {
    expect(() => sut({ maxDepth: limit })).toThrow(RangeError);
    expect(() => sut({ maxTakenValueBytes: limit })).toThrow('maxTakenValueBytes must be a positive integer');
  });
});
