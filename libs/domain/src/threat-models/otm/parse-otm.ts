import { childPointer } from '../../ingest/json-pointer';
import type { JsonObject } from '../../ingest/json-reader';
import { ModelReader } from '../model-reader';
import { textOrNull } from '../model-words';
import { throwLocatedIfAny, type SourceText } from '../source-text';
import type { ModelTrustZone, ThreatModelDocument } from '../threat-model';
import { readOtmComponents } from './otm-components';
import { combineOtmThreats, readOtmMitigationDefinitions, readOtmThreatDefinitions, readOtmThreatInstances, type OtmThreatInstance } from './otm-threats';
import { zoneCrossings, type ComponentFlow } from './otm-trust-boundaries';

/**
 * An Open Threat Model (v0.2.0, and the v0.1.0 spellings still in circulation) in JSON or YAML. What
 * the schema requires and Escapement uses (ids, references between elements) is checked; what real
 * files leave out or write as `null` is tolerated; members Escapement does not use (assets, risk
 * figures, diagram geometry) are not looked at.
 */
export function parseOtm(source: SourceText): ThreatModelDocument {
  const reader = new ModelReader(source.limits);
  const root = reader.root(source.root, 'an Open Threat Model document');
  const document = root === null ? null : readDocument(root, reader);
  throwLocatedIfAny(reader.problems, source, 'the Open Threat Model');
  return document as ThreatModelDocument;
}

function readDocument(root: JsonObject, reader: ModelReader): ThreatModelDocument {
  if (root.otmVersion === undefined || root.otmVersion === null) reader.problem('/otmVersion', 'is required: the OTM version the file follows, e.g. "0.2.0"');
  else reader.label(root, 'otmVersion', '');
  const project = reader.object(root, 'project', '');
  if (project === null) reader.problem('/project', 'is required: an object with the project name and id');
  const name = project === null ? null : reader.requiredString(project, 'name', '/project');

  const trustZones = readZones(root, reader);
  const zoneKeys = new Set(trustZones.map((zone) => zone.key));
  const componentElements = reader.objects(root, 'components', '', 'a component');
  const components = readOtmComponents(componentElements, zoneKeys, reader);
  const componentKeys = new Set(components.map((component) => component.key));
  const known = { threats: readOtmThreatDefinitions(root, reader), mitigations: readOtmMitigationDefinitions(root, reader) };

  const instances: OtmThreatInstance[] = [];
  for (const [element, pointer] of componentElements) {
    const key = typeof element.id === 'string' ? element.id.trim() : '';
    if (componentKeys.has(key)) instances.push(...readOtmThreatInstances(element, pointer, [key], known, reader));
  }
  const flows: ComponentFlow[] = [];
  for (const [dataflow, pointer] of reader.objects(root, 'dataflows', '', 'a data flow')) {
    const flow = readFlow(dataflow, pointer, componentKeys, reader);
    const ends = flow === null ? [] : [...new Set([flow.sourceKey, flow.destinationKey])];
    if (flow !== null) flows.push(flow);
    instances.push(...readOtmThreatInstances(dataflow, pointer, ends, known, reader));
  }

  const zoneOf = new Map(components.map((component) => [component.key, component.trustZoneKey]));
  return {
    format: 'otm',
    name: name ?? '',
    version: null,
    description: project === null ? null : textOrNull(reader.string(project, 'description', '/project')),
    components,
    trustZones,
    trustBoundaries: zoneCrossings(flows, zoneOf, trustZones),
    threats: combineOtmThreats(known.threats, known.mitigations, instances),
  };
}

function readZones(root: JsonObject, reader: ModelReader): ModelTrustZone[] {
  const zones = new Map<string, ModelTrustZone>();
  for (const [zone, pointer] of reader.objects(root, 'trustZones', '', 'a trust zone')) {
    const key = reader.identifier(zone, 'id', pointer, zones);
    if (key === null) continue;
    const risk = reader.object(zone, 'risk', pointer);
    zones.set(key, {
      key,
      name: reader.string(zone, 'name', pointer)?.trim() || key,
      trustRating: risk === null ? null : reader.number(risk, 'trustRating', childPointer(pointer, 'risk')),
      description: textOrNull(reader.string(zone, 'description', pointer)),
    });
  }
  return [...zones.values()];
}

/** v0.1.0 examples name the far end `target`; v0.2.0 names it `destination`. */
function readFlow(dataflow: JsonObject, pointer: string, componentKeys: ReadonlySet<string>, reader: ModelReader): ComponentFlow | null {
  const sourceKey = reader.requiredString(dataflow, 'source', pointer);
  const endKey = dataflow.destination === undefined && dataflow.target !== undefined ? 'target' : 'destination';
  const destinationKey = reader.requiredString(dataflow, endKey, pointer);
  let known = sourceKey !== null && destinationKey !== null;
  for (const [key, member] of [
    [sourceKey, 'source'],
    [destinationKey, endKey],
  ] as const) {
    if (key === null || componentKeys.has(key)) continue;
    reader.problem(childPointer(pointer, member), `names component ${JSON.stringify(key)}, which "components" does not define`);
    known = false;
  }
  return known ? { sourceKey: sourceKey as string, destinationKey: destinationKey as string } : null;
}
