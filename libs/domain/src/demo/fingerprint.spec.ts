import { demoFingerprint } from './fingerprint';

describe(demoFingerprint.name, () => {
  const sut = demoFingerprint;

  it('looks like a SHA-256 in hex and is the same every time', () => {
    expect(sut(42, 0)).toMatch(/^[0-9a-f]{64}$/);
    expect(sut(42, 12_345)).toBe(sut(42, 12_345));
  });

  it('never repeats within one seed', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 50_000; index++) seen.add(sut(42, index));
    expect(seen.size).toBe(50_000);
  });

  it('differs between seeds for the same index', () => {
    expect(sut(1, 5)).not.toBe(sut(2, 5));
  });

  it('rejects indexes it cannot keep unique', () => {
    expect(() => sut(42, -1)).toThrow(RangeError);
    expect(() => sut(42, 2 ** 32)).toThrow(RangeError);
  });
});
