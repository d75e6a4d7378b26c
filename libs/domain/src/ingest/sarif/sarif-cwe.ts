import { cweIdsInText, cweIdsInValue } from '../cwe-ids';
import { childPointer } from '../json-pointer';
import { isJsonObject, type JsonObject, type JsonReader } from '../json-reader';
import { cweIdOfReference, type SarifTaxonomy } from './sarif-taxonomies';

/** Property names tools use for a list of CWE ids, compared without case or separators. */
const CWE_PROPERTY_KEYS = new Set(['cwe', 'cwes', 'cweid', 'cweids']);

/**
 * CWE ids in a rule's or result's property bag: tags such as `external/cwe/cwe-089` (CodeQL) or
 * `CWE-79` (Black Duck, Semgrep), and `cwe`-like properties holding a number, a string or an array.
 * Descriptions and help text are deliberately not read: they mention related CWEs in passing.
 */
export function cweIdsInProperties(properties: JsonObject | null): number[] {
  if (properties === null) return [];
  const ids: number[] = [];
  const tags = properties.tags;
  if (Array.isArray(tags)) for (const tag of tags) if (typeof tag === 'string') ids.push(...cweIdsInText(tag));
  for (const [key, value] of Object.entries(properties)) {
    if (CWE_PROPERTY_KEYS.has(key.toLowerCase().replace(/[\s_-]/g, ''))) ids.push(...cweIdsInValue(value));
  }
  return ids;
}

/** `result.taxa`: the taxa a result falls into, of which the CWE ones count. */
export function cweIdsInTaxa(owner: JsonObject, pointer: string, taxonomies: readonly SarifTaxonomy[], reader: JsonReader): number[] {
  const taxa = reader.array(owner, 'taxa', pointer) ?? [];
  const taxaPointer = childPointer(pointer, 'taxa');
  return taxa.map((reference, index) => cweIdOfReference(reference, childPointer(taxaPointer, index), taxonomies, reader)).filter((id) => id !== null);
}

/**
 * Relationship kinds that do not put the rule's results in the target taxon. The default kind is
 * `relevant`, which is how tools tie a rule to its CWE; `superset`, `equal`, `subset` and
 * `incomparable` all overlap. Ordering and `disjoint` relationships say nothing about membership.
 */
const NON_MEMBERSHIP_KINDS = new Set(['disjoint', 'canPrecede', 'canFollow', 'willPrecede', 'willFollow']);

/** `reportingDescriptor.relationships`: the taxa a rule belongs to, of which the CWE ones count. */
export function cweIdsInRelationships(rule: JsonObject, pointer: string, taxonomies: readonly SarifTaxonomy[], reader: JsonReader): number[] {
  const relationships = reader.array(rule, 'relationships', pointer) ?? [];
  const ids: number[] = [];
  relationships.forEach((relationship, index) => {
    const relationshipPointer = childPointer(childPointer(pointer, 'relationships'), index);
    if (!isJsonObject(relationship)) {
      reader.problem(relationshipPointer, 'must be a reportingDescriptorRelationship object');
      return;
    }
    const kinds = reader.array(relationship, 'kinds', relationshipPointer);
    if (kinds !== null && kinds.length > 0 && kinds.every((kind) => typeof kind === 'string' && NON_MEMBERSHIP_KINDS.has(kind))) return;
    const id = cweIdOfReference(relationship.target, childPointer(relationshipPointer, 'target'), taxonomies, reader);
    if (id !== null) ids.push(id);
  });
  return ids;
}
