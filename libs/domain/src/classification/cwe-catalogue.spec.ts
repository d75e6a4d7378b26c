import {
  CWE_CATALOGUE_VERSION,
  cweAncestors,
  cweCategories,
  cweEntry,
  cweExists,
  cweName,
  isCweDescendantOf,
  isCweMemberOf,
} from './cwe-catalogue';
import { cweLabel } from './cwe-label';

describe('CWE_CATALOGUE_VERSION', () => {
  it('names the CWE release and the package it was generated from', () => {
    expect(CWE_CATALOGUE_VERSION).toEqual({ cwe: '4.15', date: '2024-07-16', source: 'cwe-sdk@1.1.19 raw/cwe-archive.json' });
  });
});

describe(cweName.name, () => {
  const sut = cweName;

  it.each([
    [89, "Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')"],
    [639, 'Authorization Bypass Through User-Controlled Key'],
    [840, 'Business Logic Errors'],
    [1348, 'OWASP Top Ten 2021 Category A04:2021 - Insecure Design'],
    [1000, 'Research Concepts'],
  ])('names CWE-%i as MITRE does', (id, name) => {
    expect(sut(id)).toBe(name);
  });

  it('knows no name for an id MITRE never assigned', () => {
    expect(sut(99999)).toBeUndefined();
  });
});

describe(cweExists.name, () => {
  const sut = cweExists;

  it('holds weaknesses, categories and views, deprecated entries included', () => {
    expect([sut(79), sut(840), sut(1400), sut(99999)]).toEqual([true, true, true, false]);
    expect(cweEntry(20)).toMatchObject({ kind: 'weakness', abstraction: 'class', deprecated: false });
    expect(cweEntry(89)).toMatchObject({ abstraction: 'base' });
    expect(cweEntry(352)).toMatchObject({ abstraction: 'compound' });
    expect(cweEntry(1345)).toMatchObject({ kind: 'category', abstraction: null });
    expect(cweEntry(1344)).toMatchObject({ kind: 'view' });
    expect(cweEntry(71)).toMatchObject({ kind: 'weakness', deprecated: true });
  });
});

describe(cweAncestors.name, () => {
  const sut = cweAncestors;

  it('walks ChildOf in the research view, nearest first', () => {
    expect(sut(89)).toEqual([943, 74, 707]);
    expect(sut(639)).toEqual([863, 285, 284]);
    expect(sut(23)).toEqual([22, 668, 706, 664]);
  });

  it('follows every parent of a weakness with several', () => {
    const ancestors = sut(798);
    expect(ancestors.slice(0, 3)).toEqual([344, 671, 1391]);
    expect(ancestors).toEqual(expect.arrayContaining([287, 284, 330, 657, 710]));
    expect(new Set(ancestors).size).toBe(ancestors.length);
  });

  it('gives a pillar, a category or an unknown id no ancestors', () => {
    expect([sut(707), sut(840), sut(99999)]).toEqual([[], [], []]);
  });
});

describe(isCweDescendantOf.name, () => {
  const sut = isCweDescendantOf;

  it.each([
    [89, 943, true],
    [89, 74, true],
    [79, 74, true],
    [1333, 400, true],
    [259, 798, true],
    [639, 284, true],
    [74, 89, false],
    [89, 89, false],
    [22, 74, false],
  ])('CWE-%i below CWE-%i: %s', (id, ancestor, expected) => {
    expect(sut(id, ancestor)).toBe(expected);
  });
});

describe(cweCategories.name, () => {
  const sut = cweCategories;

  it('lists the categories that hold the weakness', () => {
    expect(sut(639)).toEqual(expect.arrayContaining([840, 1345, 1396]));
    expect(sut(89)).toEqual(expect.arrayContaining([1347, 1409]));
    expect(sut(501)).toEqual(expect.arrayContaining([1348]));
    expect(sut(561)).toEqual(expect.arrayContaining([1412]));
  });

  it('does not pass membership down to children', () => {
    expect(isCweMemberOf(841, 840)).toBe(true);
    expect(isCweMemberOf(89, 1019)).toBe(true);
    expect(isCweMemberOf(564, 1019)).toBe(false);
  });

  it('has no categories for an unknown id', () => {
    expect(sut(99999)).toEqual([]);
  });
});

describe(cweLabel.name, () => {
  const sut = cweLabel;

  it('quotes the id with its name, or the id alone when the catalogue lacks it', () => {
    expect(sut(862)).toBe('CWE-862 (Missing Authorization)');
    expect(sut(99999)).toBe('CWE-99999');
  });
});
