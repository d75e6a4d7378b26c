import type { PwnismsLayer, StrideCategory } from '../model/pwnisms';
import type { ModelThreat } from './threat-model';
import { relevantThreats, type CweRelation } from './threat-relevance';

function threat(key: string, facts: { cweIds?: number[]; stride?: StrideCategory; layer?: PwnismsLayer }): ModelThreat {
  return {
    key,
    title: key,
    description: null,
    componentKeys: [],
    stride: facts.stride ?? null,
    layer: facts.layer ?? null,
    cweIds: facts.cweIds ?? [],
    severity: null,
    status: 'open',
    mitigations: [],
  };
}

/** A slice of the CWE tree: 943 and 74 above 89; 284 above 285 above 639 and 862. */
const PARENTS: Record<number, number[]> = { 89: [943, 74], 943: [74], 285: [284], 639: [285, 284], 862: [285, 284] };
const ancestorOrSelf: CweRelation = (a, b) => a === b || (PARENTS[b] ?? []).includes(a);
const unrelated: CweRelation = () => false;

const keys = (threats: ModelThreat[]) => threats.map((found) => found.key);

describe(relevantThreats.name, () => {
  const sut = relevantThreats;

  describe('threats with CWE ids', () => {
    const threats = [threat('sqli', { cweIds: [89] }), threat('idor', { cweIds: [639] }), threat('injection', { cweIds: [74] })];

    it('are relevant to a finding with the same CWE id', () => {
      expect(keys(sut({ cweIds: [639], category: null }, threats, unrelated))).toEqual(['idor']);
    });

    it('are relevant to a finding whose CWE id is a child or a parent of theirs', () => {
      expect(keys(sut({ cweIds: [89], category: null }, threats, ancestorOrSelf))).toEqual(['sqli', 'injection']);
      expect(keys(sut({ cweIds: [943], category: null }, threats, ancestorOrSelf))).toEqual(['sqli', 'injection']);
      expect(keys(sut({ cweIds: [285], category: null }, threats, ancestorOrSelf))).toEqual(['idor']);
    });

    it('are not relevant to siblings in the tree, which the relation does not join', () => {
      expect(keys(sut({ cweIds: [862], category: null }, threats, ancestorOrSelf))).toEqual([]);
    });

    it('match when any of several ids on either side fits', () => {
      const several = [threat('broad', { cweIds: [79, 787] })];
      expect(keys(sut({ cweIds: [20, 787], category: null }, several, unrelated))).toEqual(['broad']);
    });

    it('ignore the finding category: their CWE ids are the whole story', () => {
      const idor = [threat('idor', { cweIds: [639], stride: 'elevation_of_privilege' })];
      expect(keys(sut({ cweIds: [], category: 'authorization' }, idor, ancestorOrSelf))).toEqual([]);
      expect(keys(sut({ cweIds: [89], category: 'authorization' }, idor, ancestorOrSelf))).toEqual([]);
    });
  });

  describe('threats without CWE ids', () => {
    it.each<[StrideCategory, string, boolean]>([
      ['elevation_of_privilege', 'authorization', true],
      ['elevation_of_privilege', 'injection', false],
      ['spoofing', 'authentication', true],
      ['spoofing', 'session', true],
      ['tampering', 'injection', true],
      ['tampering', 'trust-boundary', true],
      ['information_disclosure', 'information-exposure', true],
      ['information_disclosure', 'secrets', true],
      ['information_disclosure', 'crypto', true],
      ['information_disclosure', 'xss', false],
      ['repudiation', 'other', false],
      ['denial_of_service', 'memory-safety', false],
    ])('%s is relevant to a %s finding: %s', (stride, category, expected) => {
      const found = sut({ cweIds: [79], category }, [threat('t', { stride })], ancestorOrSelf);
      expect(found.length === 1).toBe(expected);
    });

    it.each<[PwnismsLayer, string, boolean]>([
      ['iam', 'authorization', true],
      ['iam', 'session', true],
      ['secrets', 'secrets', true],
      ['supply_chain', 'supply-chain', true],
      ['product', 'business-logic', true],
      ['network', 'configuration', false],
      ['monitoring', 'other', false],
    ])('a %s-layer threat is relevant to a %s finding: %s', (layer, category, expected) => {
      expect(sut({ cweIds: [], category }, [threat('t', { layer })], ancestorOrSelf).length === 1).toBe(expected);
    });

    it('read the category leniently', () => {
      const found = sut({ cweIds: [], category: ' Information_Exposure ' }, [threat('t', { stride: 'information_disclosure' })], unrelated);
      expect(keys(found)).toEqual(['t']);
    });

    it('are not relevant when the finding has no category, or the threat no hint', () => {
      expect(sut({ cweIds: [], category: null }, [threat('t', { stride: 'spoofing' })], unrelated)).toEqual([]);
      expect(sut({ cweIds: [], category: 'authentication' }, [threat('t', {})], unrelated)).toEqual([]);
    });
  });

  it('asks the relation both ways round, so a one-directional ancestor test works', () => {
    const asked: Array<[number, number]> = [];
    const relation: CweRelation = (a, b) => {
      asked.push([a, b]);
      return a === 74 && b === 89;
    };
    expect(keys(sut({ cweIds: [74], category: null }, [threat('sqli', { cweIds: [89] })], relation))).toEqual(['sqli']);
    expect(asked).toEqual([
      [89, 74],
      [74, 89],
    ]);
  });

  it('keeps model order and returns the threats themselves', () => {
    const threats = [threat('b', { cweIds: [89] }), threat('a', { stride: 'tampering' })];
    const found = sut({ cweIds: [89], category: 'injection' }, threats, unrelated);
    expect(found).toEqual(threats);
    expect(found[0]).toBe(threats[0]);
  });
});
