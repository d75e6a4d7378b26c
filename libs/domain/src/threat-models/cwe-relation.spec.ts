import { cweRelated } from './cwe-relation';

describe(cweRelated.name, () => {
  it('relates a CWE to itself, its ancestors and its descendants, not to strangers', () => {
    const sut = cweRelated;
    expect(sut(89, 89)).toBe(true);
    expect(sut(89, 74)).toBe(true);
    expect(sut(74, 89)).toBe(true);
    expect(sut(89, 943)).toBe(true);
    expect(sut(89, 79)).toBe(false);
    expect(sut(639, 862)).toBe(false);
  });
});
