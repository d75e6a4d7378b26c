import { isCweId } from '../cwe-ids';
import { childPointer } from '../json-pointer';
import { isJsonObject, type JsonObject, type JsonReader } from '../json-reader';
import { countOf } from '../problem-list';

/** A taxonomy of `run.taxonomies`, reduced to what finding a CWE id needs. */
export interface SarifTaxonomy {
  readonly name: string | null;
  readonly guid: string | null;
  readonly isCwe: boolean;
  readonly taxonIds: readonly (string | null)[];
  readonly taxonIdByGuid: ReadonlyMap<string, string>;
}

const isCweName = (name: string | null) => name !== null && /\bcwe\b/i.test(name);

export function readTaxonomies(run: JsonObject, runPointer: string, reader: JsonReader): SarifTaxonomy[] {
  const pointer = childPointer(runPointer, 'taxonomies');
  return (reader.array(run, 'taxonomies', runPointer) ?? []).map((value, index) => {
    const taxonomyPointer = childPointer(pointer, index);
    if (!isJsonObject(value)) {
      reader.problem(taxonomyPointer, 'must be a toolComponent object');
      return { name: null, guid: null, isCwe: false, taxonIds: [], taxonIdByGuid: new Map() };
    }
    const name = reader.string(value, 'name', taxonomyPointer);
    const taxonIds: (string | null)[] = [];
    const taxonIdByGuid = new Map<string, string>();
    for (const taxon of reader.array(value, 'taxa', taxonomyPointer) ?? []) {
      const id = isJsonObject(taxon) && typeof taxon.id === 'string' ? taxon.id : null;
      taxonIds.push(id);
      if (id !== null && isJsonObject(taxon) && typeof taxon.guid === 'string') taxonIdByGuid.set(taxon.guid.toLowerCase(), id);
    }
    const guid = reader.string(value, 'guid', taxonomyPointer);
    return { name, guid: guid?.toLowerCase() ?? null, isCwe: isCweName(name), taxonIds, taxonIdByGuid };
  });
}

/**
 * The CWE id a `reportingDescriptorReference` (a `result.taxa` element or a rule relationship's
 * `target`) points at, or null when it points into another taxonomy. The taxonomy is found by the
 * reference's `toolComponent` (index into `run.taxonomies`, else guid, else name); the taxon by `id`,
 * else `index`, else `guid`. A taxon of a CWE taxonomy may be "89" or "CWE-89"; outside one, only an
 * explicit "CWE-89" counts. Indexes out of range are errors: they would attach the wrong CWE.
 */
export function cweIdOfReference(reference: unknown, pointer: string, taxonomies: readonly SarifTaxonomy[], reader: JsonReader): number | null {
  if (!isJsonObject(reference)) {
    reader.problem(pointer, 'must be a reportingDescriptorReference object');
    return null;
  }
  const component = reader.object(reference, 'toolComponent', pointer);
  const componentPointer = childPointer(pointer, 'toolComponent');
  let taxonomy: SarifTaxonomy | null = null;
  let componentName: string | null = null;
  if (component !== null) {
    componentName = reader.string(component, 'name', componentPointer);
    const index = reader.index(component, 'index', componentPointer);
    const guid = reader.string(component, 'guid', componentPointer)?.toLowerCase() ?? null;
    if (index !== null) {
      taxonomy = taxonomies[index] ?? null;
      if (taxonomy === null) reader.problem(childPointer(componentPointer, 'index'), `${index} is out of range: the run has ${countOf(taxonomies.length, 'taxonomy', 'taxonomies')}`);
    } else if (guid !== null) {
      taxonomy = taxonomies.find((candidate) => candidate.guid === guid) ?? null;
    } else if (componentName !== null) {
      taxonomy = taxonomies.find((candidate) => candidate.name?.toLowerCase() === componentName?.toLowerCase()) ?? null;
    }
  }

  let id = reader.string(reference, 'id', pointer);
  const index = reader.index(reference, 'index', pointer);
  const guid = reader.string(reference, 'guid', pointer);
  if (id === null && index !== null && taxonomy !== null) {
    id = taxonomy.taxonIds[index] ?? null;
    if (index >= taxonomy.taxonIds.length) {
      reader.problem(childPointer(pointer, 'index'), `${index} is out of range: taxonomy ${taxonomy.name ?? '(unnamed)'} has ${countOf(taxonomy.taxonIds.length, 'taxon', 'taxa')}`);
    }
  }
  if (id === null && guid !== null && taxonomy !== null) id = taxonomy.taxonIdByGuid.get(guid.toLowerCase()) ?? null;
  if (id === null) return null;

  const inCweTaxonomy = taxonomy?.isCwe === true || isCweName(componentName);
  const match = (inCweTaxonomy ? /^\s*(?:cwe[\s:_-]*)?0*(\d+)\s*$/i : /^\s*cwe[\s:_-]*0*(\d+)\s*$/i).exec(id);
  const cweId = match ? Number(match[1]) : NaN;
  return isCweId(cweId) ? cweId : null;
}
