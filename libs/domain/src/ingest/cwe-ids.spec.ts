import { cweIdsInText, cweIdsInValue, sortedCweIds } from './cwe-ids';

describe(cweIdsInText.name, () => {
  const sut = cweIdsInText;

  it.each([
    ['external/cwe/cwe-089', [89]],
    ['CWE-89', [89]],
    ['cwe-89', [89]],
    ['CWE:89', [89]],
    ['CWE_89', [89]],
    ['CWE-327: Use of a Broken or Risky Cryptographic Algorithm', [327]],
    ['CWE-79, CWE-80', [79, 80]],
  ])('reads %j', (text, ids) => {
    expect(sut(text)).toEqual(ids);
  });

  it('ignores numbers that are not named as CWE ids, and impossible ids', () => {
    expect(sut('owasp-a1 2021 security')).toEqual([]);
    expect(sut('CWE-0')).toEqual([]);
    expect(sut('cwe-1234567')).toEqual([]);
    expect(sut('mycwe-12')).toEqual([]);
  });
});

describe(cweIdsInValue.name, () => {
  const sut = cweIdsInValue;

  it('reads numbers, numeric strings, lists and arrays', () => {
    expect(sut(89)).toEqual([89]);
    expect(sut('89')).toEqual([89]);
    expect(sut('79, 89;22')).toEqual([79, 89, 22]);
    expect(sut(['CWE-79', 352])).toEqual([79, 352]);
  });

  it('yields nothing for values that do not hold CWE ids', () => {
    expect(sut('see docs')).toEqual([]);
    expect(sut({ id: 89 })).toEqual([]);
    expect(sut(1.5)).toEqual([]);
    expect(sut(null)).toEqual([]);
  });
});

describe(sortedCweIds.name, () => {
  it('sorts numerically and drops repeats', () => {
    expect(sortedCweIds([89, 639, 79, 89])).toEqual([79, 89, 639]);
  });
});
