import { JsonReader } from '../json-reader';
import { cweIdOfReference, readTaxonomies, type SarifTaxonomy } from './sarif-taxonomies';

describe(cweIdOfReference.name, () => {
  const sut = cweIdOfReference;
  const run = {
    taxonomies: [
      { name: 'OWASP', guid: 'AAAA', taxa: [{ id: 'A01' }] },
      { name: 'CWE', guid: 'BBBB', taxa: [{ id: '79', guid: 'T-79' }, { id: 'CWE-89' }] },
    ],
  };
  let taxonomies: SarifTaxonomy[];
  let reader: JsonReader;

  beforeEach(() => {
    reader = new JsonReader();
    taxonomies = readTaxonomies(run, '/runs/0', reader);
  });

  it.each([
    ['a taxon id in the CWE taxonomy found by index', { id: '352', toolComponent: { index: 1 } }, 352],
    ['a taxon id in the CWE taxonomy found by name', { id: '352', toolComponent: { name: 'CWE' } }, 352],
    ['a taxon id in the CWE taxonomy found by guid', { id: '352', toolComponent: { guid: 'bbbb' } }, 352],
    ['a taxon index', { index: 1, toolComponent: { index: 1 } }, 89],
    ['a taxon guid', { guid: 't-79', toolComponent: { name: 'CWE' } }, 79],
    ['an explicit CWE id without a taxonomy', { id: 'CWE-22' }, 22],
  ])('reads %s', (_, reference, cweId) => {
    expect(sut(reference, '/r', taxonomies, reader)).toBe(cweId);
    expect(reader.problems.count).toBe(0);
  });

  it.each([
    ['a taxon of another taxonomy', { id: 'A01', toolComponent: { index: 0 } }],
    ['a bare number outside a CWE taxonomy', { id: '79' }],
    ['a CWE taxon that is not numeric', { id: 'Pillar', toolComponent: { name: 'CWE' } }],
  ])('ignores %s', (_, reference) => {
    expect(sut(reference, '/r', taxonomies, reader)).toBeNull();
    expect(reader.problems.count).toBe(0);
  });

  it('reports indexes out of range', () => {
    expect(sut({ id: '79', toolComponent: { index: 5 } }, '/runs/0/results/1/taxa/0', taxonomies, reader)).toBeNull();
    expect(sut({ index: 9, toolComponent: { index: 1 } }, '/runs/0/results/1/taxa/1', taxonomies, reader)).toBeNull();
    expect(reader.problems.items).toEqual([
      { pointer: '/runs/0/results/1/taxa/0/toolComponent/index', message: '5 is out of range: the run has 2 taxonomies' },
      { pointer: '/runs/0/results/1/taxa/1/index', message: '9 is out of range: taxonomy CWE has 2 taxa' },
    ]);
  });
});
