import { childPointer } from '../../ingest/json-pointer';
import type { JsonObject } from '../../ingest/json-reader';
import { normalisePath } from '../glob';
import type { ModelReader } from '../model-reader';
import { textOrNull } from '../model-words';
import type { ComponentMatchRules, ModelComponent } from '../threat-model';
import { otmLayer, otmMatchRules, readOtmExtras } from './otm-conventions';

interface ReadComponent {
  component: ModelComponent;
  pointer: string;
  parentZoneKey: string | null;
}

/**
 * The `components`, with parents checked (an unknown zone or component, or a cycle, is a problem) and
 * each component placed in the zone it sits in, directly or through the components enclosing it.
 */
export function readOtmComponents(elements: ReadonlyArray<[JsonObject, string]>, zoneKeys: ReadonlySet<string>, reader: ModelReader): ModelComponent[] {
  const read = new Map<string, ReadComponent>();
  for (const [element, pointer] of elements) {
    const entry = readComponent(element, pointer, read, reader);
    if (entry !== null) read.set(entry.component.key, entry);
  }
  for (const { component, pointer, parentZoneKey } of read.values()) {
    const parentPointer = childPointer(pointer, 'parent');
    if (parentZoneKey !== null && !zoneKeys.has(parentZoneKey)) {
      reader.problem(parentPointer, `names trust zone ${JSON.stringify(parentZoneKey)}, which "trustZones" does not define`);
    }
    if (component.parentKey !== null && !read.has(component.parentKey)) {
      reader.problem(parentPointer, `names component ${JSON.stringify(component.parentKey)}, which "components" does not define`);
      component.parentKey = null;
    } else if (component.parentKey !== null && isInCycle(component.key, read)) {
      reader.problem(parentPointer, `makes component ${JSON.stringify(component.key)} its own ancestor`);
    }
  }
  for (const entry of read.values()) entry.component.trustZoneKey = zoneOf(entry, read, zoneKeys);
  return [...read.values()].map((entry) => entry.component);
}

function readComponent(element: JsonObject, pointer: string, seen: ReadonlyMap<string, unknown>, reader: ModelReader): ReadComponent | null {
  const key = reader.identifier(element, 'id', pointer, seen);
  if (key === null) return null;
  const parent = readParent(element, pointer, reader);
  const extras = readOtmExtras(element, pointer, reader);
  const rules = otmMatchRules(extras, reader);
  const component: ModelComponent = {
    key,
    name: reader.string(element, 'name', pointer)?.trim() || key,
    description: textOrNull(reader.string(element, 'description', pointer)),
    type: textOrNull(reader.string(element, 'type', pointer)),
    trustZoneKey: null,
    parentKey: parent.componentKey,
    layer: otmLayer(extras, reader),
    matchRules: hasRules(rules) ? rules : { ...rules, paths: codeFiles(element, pointer, reader) },
  };
  return { component, pointer, parentZoneKey: parent.zoneKey };
}

/** v0.2.0 writes `parent: {trustZone: id}` or `{component: id}`; v0.1.0 wrote `{id, type}`. */
function readParent(element: JsonObject, pointer: string, reader: ModelReader): { zoneKey: string | null; componentKey: string | null } {
  const parent = reader.object(element, 'parent', pointer);
  if (parent === null) return { zoneKey: null, componentKey: null };
  const parentPointer = childPointer(pointer, 'parent');
  const zoneKey = reader.string(parent, 'trustZone', parentPointer)?.trim() || null;
  const componentKey = reader.string(parent, 'component', parentPointer)?.trim() || null;
  if (zoneKey !== null || componentKey !== null) return { zoneKey, componentKey };
  const id = reader.string(parent, 'id', parentPointer)?.trim() || null;
  const type = reader.string(parent, 'type', parentPointer)?.trim().toLowerCase();
  return type === 'component' ? { zoneKey: null, componentKey: id } : { zoneKey: id, componentKey: null };
}

/**
 * A component's code representations name the files it is made of (`file: src/…/OTMClass.java`):
 * exact paths, so findings in those files link to it even without Escapement's own rules.
 */
function codeFiles(element: JsonObject, pointer: string, reader: ModelReader): string[] {
  const files = reader
    .objects(element, 'representations', pointer, 'a representation element')
    .map(([representation, representationPointer]) => reader.string(representation, 'file', representationPointer)?.trim())
    .filter((file): file is string => Boolean(file))
    .map((file) => normalisePath(file).replace(/[\\*?[\]{}]/g, '\\$&'));
  return [...new Set(files)];
}

function hasRules(rules: ComponentMatchRules): boolean {
  return rules.repos.length > 0 || rules.paths.length > 0 || rules.services.length > 0;
}

function isInCycle(key: string, read: ReadonlyMap<string, ReadComponent>): boolean {
  const seen = new Set<string>();
  let current: string | null = key;
  while (current !== null && !seen.has(current)) {
    seen.add(current);
    current = read.get(current)?.component.parentKey ?? null;
  }
  return current === key;
}

function zoneOf(entry: ReadComponent, read: ReadonlyMap<string, ReadComponent>, zoneKeys: ReadonlySet<string>): string | null {
  const seen = new Set<string>();
  let current: ReadComponent | undefined = entry;
  while (current !== undefined && !seen.has(current.component.key)) {
    if (current.parentZoneKey !== null) return zoneKeys.has(current.parentZoneKey) ? current.parentZoneKey : null;
    seen.add(current.component.key);
    current = current.component.parentKey === null ? undefined : read.get(current.component.parentKey);
  }
  return null;
}
