import { childPointer } from '../../ingest/json-pointer';
import type { JsonObject } from '../../ingest/json-reader';
import { SEVERITIES } from '../../model/finding';
import { PWNISMS_LAYERS, STRIDE_CATEGORIES } from '../../model/pwnisms';
import { ModelReader } from '../model-reader';
import { throwLocatedIfAny, type SourceText } from '../source-text';
import {
  MITIGATION_STATUSES,
  THREAT_STATUSES,
  type ModelComponent,
  type ModelMitigation,
  type ModelThreat,
  type ModelTrustBoundary,
  type ModelTrustZone,
  type ThreatModelDocument,
} from '../threat-model';
import { optionalText, readCweIds, readKey, readMatchRules, readReference, readReferences } from './native-values';

/** The format version this parser reads. Its member also tells this format from the others. */
export const NATIVE_FORMAT_VERSION = 1;
export const NATIVE_FORMAT_MARKER = 'escapementThreatModel';

const MEMBERS = {
  document: [NATIVE_FORMAT_MARKER, 'name', 'version', 'description', 'trustZones', 'components', 'trustBoundaries', 'threats'],
  trustZone: ['key', 'name', 'trustRating', 'description'],
  component: ['key', 'name', 'description', 'type', 'trustZone', 'parent', 'layer', 'match'],
  trustBoundary: ['key', 'name', 'from', 'to', 'crossing'],
  threat: ['key', 'title', 'description', 'components', 'stride', 'layer', 'cweIds', 'severity', 'status', 'mitigations'],
  mitigation: ['key', 'title', 'description', 'status'],
} as const;

/** What the elements of a model may refer to, by key. */
interface Known {
  zones: ReadonlySet<string>;
  components: ReadonlySet<string>;
}

/**
 * Escapement's own format (docs/threat-models.md), in YAML or JSON. People write it by hand and it
 * feeds linking directly, so it is checked strictly: unknown members, values outside the enums and
 * references to keys that do not exist are all problems, each reported at its place.
 */
export function parseNativeThreatModel(source: SourceText): ThreatModelDocument {
  const reader = new ModelReader(source.limits);
  const root = reader.root(source.root, `an Escapement threat model, starting with "${NATIVE_FORMAT_MARKER}: ${NATIVE_FORMAT_VERSION}"`);
  const document = root === null ? null : readDocument(root, reader);
  throwLocatedIfAny(reader.problems, source, 'the threat model');
  return document as ThreatModelDocument;
}

function readDocument(root: JsonObject, reader: ModelReader): ThreatModelDocument {
  reader.onlyKeys(root, '', MEMBERS.document, 'an Escapement threat model');
  if (root[NATIVE_FORMAT_MARKER] !== NATIVE_FORMAT_VERSION) {
    reader.problem(childPointer('', NATIVE_FORMAT_MARKER), `is required and must be ${NATIVE_FORMAT_VERSION}, the version of the format the file follows`);
  }
  const name = reader.requiredString(root, 'name', '');
  const trustZones = readList(root, '', 'trustZones', 'a trust zone', reader, readZone);
  // Components may name a parent written further down, so every component key is known before any is read.
  const componentElements = reader.objects(root, 'components', '', 'a component');
  const declared = new Set(componentElements.map(([component]) => (typeof component.key === 'string' ? component.key.trim() : '')));
  const components = readElements(componentElements, reader, (element, pointer, seen) =>
    readComponent(element, pointer, seen, { zones: keysOf(trustZones), components: declared }, reader),
  );
  checkParentCycles(components, componentElements, reader);
  const known: Known = { zones: keysOf(trustZones), components: keysOf(components) };
  return {
    format: 'native',
    name: name ?? '',
    version: reader.label(root, 'version', ''),
    description: optionalText(root, 'description', '', reader),
    components,
    trustZones,
    trustBoundaries: readList(root, '', 'trustBoundaries', 'a trust boundary', reader, (element, pointer, seen) => readBoundary(element, pointer, seen, known, reader)),
    threats: readList(root, '', 'threats', 'a threat', reader, (element, pointer, seen) => readThreat(element, pointer, seen, known, reader)),
  };
}

type ElementReader<T> = (element: JsonObject, pointer: string, seen: ReadonlySet<string>, reader: ModelReader) => T | null;

function readList<T extends { key: string }>(owner: JsonObject, pointer: string, member: string, what: string, reader: ModelReader, read: ElementReader<T>): T[] {
  return readElements(reader.objects(owner, member, pointer, what), reader, read);
}

/** Reads each element; `seen` holds the keys before it, so a repeated key is reported where it repeats. */
function readElements<T extends { key: string }>(elements: ReadonlyArray<[JsonObject, string]>, reader: ModelReader, read: ElementReader<T>): T[] {
  const seen = new Set<string>();
  const items: T[] = [];
  for (const [element, pointer] of elements) {
    const item = read(element, pointer, seen, reader);
    if (item === null) continue;
    seen.add(item.key);
    items.push(item);
  }
  return items;
}

function readZone(zone: JsonObject, pointer: string, seen: ReadonlySet<string>, reader: ModelReader): ModelTrustZone | null {
  reader.onlyKeys(zone, pointer, MEMBERS.trustZone, 'a trust zone');
  const key = readKey(zone, pointer, seen, reader);
  const name = reader.requiredString(zone, 'name', pointer);
  const trustRating = reader.number(zone, 'trustRating', pointer);
  if (trustRating !== null && (trustRating < 0 || trustRating > 100)) reader.problem(childPointer(pointer, 'trustRating'), 'must be from 0 (untrusted) to 100 (fully trusted)');
  const description = optionalText(zone, 'description', pointer, reader);
  return key === null ? null : { key, name: name ?? key, trustRating, description };
}

function readComponent(component: JsonObject, pointer: string, seen: ReadonlySet<string>, known: Known, reader: ModelReader): ModelComponent | null {
  reader.onlyKeys(component, pointer, MEMBERS.component, 'a component');
  const key = readKey(component, pointer, seen, reader);
  const name = reader.requiredString(component, 'name', pointer);
  const parentKey = readReference(component, 'parent', pointer, known.components, 'component', reader);
  if (parentKey !== null && parentKey === key) reader.problem(childPointer(pointer, 'parent'), 'names the component itself');
  const read: Omit<ModelComponent, 'key'> = {
    name: name ?? '',
    description: optionalText(component, 'description', pointer, reader),
    type: optionalText(component, 'type', pointer, reader),
    trustZoneKey: readReference(component, 'trustZone', pointer, known.zones, 'trust zone', reader),
    parentKey: parentKey === key ? null : parentKey,
    layer: reader.oneOf(component, 'layer', pointer, PWNISMS_LAYERS),
    matchRules: readMatchRules(component, pointer, reader),
  };
  return key === null ? null : { key, ...read };
}

function readBoundary(boundary: JsonObject, pointer: string, seen: ReadonlySet<string>, known: Known, reader: ModelReader): ModelTrustBoundary | null {
  reader.onlyKeys(boundary, pointer, MEMBERS.trustBoundary, 'a trust boundary');
  const key = readKey(boundary, pointer, seen, reader);
  const name = reader.requiredString(boundary, 'name', pointer);
  const fromZoneKey = readReference(boundary, 'from', pointer, known.zones, 'trust zone', reader);
  const toZoneKey = readReference(boundary, 'to', pointer, known.zones, 'trust zone', reader);
  if (fromZoneKey !== null && fromZoneKey === toZoneKey) reader.problem(childPointer(pointer, 'to'), 'is the zone the boundary starts from: a boundary separates two zones');
  const crossingComponentKeys = readReferences(boundary, 'crossing', pointer, known.components, 'component', reader);
  return key === null ? null : { key, name: name ?? key, fromZoneKey, toZoneKey, crossingComponentKeys };
}

function readThreat(threat: JsonObject, pointer: string, seen: ReadonlySet<string>, known: Known, reader: ModelReader): ModelThreat | null {
  reader.onlyKeys(threat, pointer, MEMBERS.threat, 'a threat');
  const key = readKey(threat, pointer, seen, reader);
  const read: Omit<ModelThreat, 'key'> = {
    title: reader.requiredString(threat, 'title', pointer) ?? '',
    description: optionalText(threat, 'description', pointer, reader),
    componentKeys: readReferences(threat, 'components', pointer, known.components, 'component', reader),
    stride: reader.oneOf(threat, 'stride', pointer, STRIDE_CATEGORIES),
    layer: reader.oneOf(threat, 'layer', pointer, PWNISMS_LAYERS),
    cweIds: readCweIds(threat, pointer, reader),
    severity: reader.oneOf(threat, 'severity', pointer, SEVERITIES),
    status: reader.oneOf(threat, 'status', pointer, THREAT_STATUSES) ?? 'open',
    mitigations: readList(threat, pointer, 'mitigations', 'a mitigation', reader, readMitigation),
  };
  return key === null ? null : { key, ...read };
}

function readMitigation(mitigation: JsonObject, pointer: string, seen: ReadonlySet<string>, reader: ModelReader): ModelMitigation | null {
  reader.onlyKeys(mitigation, pointer, MEMBERS.mitigation, 'a mitigation');
  const key = readKey(mitigation, pointer, seen, reader);
  const title = reader.requiredString(mitigation, 'title', pointer);
  const description = optionalText(mitigation, 'description', pointer, reader);
  const status = reader.oneOf(mitigation, 'status', pointer, MITIGATION_STATUSES);
  return key === null ? null : { key, title: title ?? key, description, status };
}

/** A parent chain that comes back to where it started would make every component its own ancestor. */
function checkParentCycles(components: readonly ModelComponent[], elements: ReadonlyArray<[JsonObject, string]>, reader: ModelReader): void {
  const parentOf = new Map(components.map((component) => [component.key, component.parentKey]));
  for (const [element, pointer] of elements) {
    const key = typeof element.key === 'string' ? element.key.trim() : '';
    if (!parentOf.has(key)) continue;
    const seen = new Set<string>();
    let current = parentOf.get(key) ?? null;
    while (current !== null && current !== key && !seen.has(current)) {
      seen.add(current);
      current = parentOf.get(current) ?? null;
    }
    if (current === key) reader.problem(childPointer(pointer, 'parent'), `makes "${key}" its own ancestor`);
  }
}

function keysOf(elements: ReadonlyArray<{ key: string }>): ReadonlySet<string> {
  return new Set(elements.map((element) => element.key));
}
