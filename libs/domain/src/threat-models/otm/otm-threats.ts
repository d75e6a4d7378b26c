import { childPointer } from '../../ingest/json-pointer';
import type { JsonObject } from '../../ingest/json-reader';
import type { ModelReader } from '../model-reader';
import { strideOf, textOrNull } from '../model-words';
import type { MitigationStatus, ModelMitigation, ModelThreat, ThreatStatus } from '../threat-model';
import { otmLayer, otmSeverity, otmStride, readOtmExtras } from './otm-conventions';
import { otmThreatCweIds } from './otm-cwe-ids';
import { leastProtective, mostExposed, otmMitigationStatus, otmThreatStatus } from './otm-states';

/** A top-level `threats` entry: what the threat is, before any component says how it stands there. */
export type OtmThreatDefinition = Omit<ModelThreat, 'componentKeys' | 'status' | 'mitigations'>;
export type OtmMitigationDefinition = Omit<ModelMitigation, 'status'>;

/** A `threats[]` entry on a component or data flow: the threat applied there, with its state. */
export interface OtmThreatInstance {
  threatKey: string;
  componentKeys: string[];
  status: ThreatStatus;
  mitigations: Array<{ key: string; status: MitigationStatus | null }>;
}

export function readOtmThreatDefinitions(root: JsonObject, reader: ModelReader): Map<string, OtmThreatDefinition> {
  const definitions = new Map<string, OtmThreatDefinition>();
  for (const [threat, pointer] of reader.objects(root, 'threats', '', 'a threat')) {
    const key = reader.identifier(threat, 'id', pointer, definitions);
    if (key === null) continue;
    const extras = readOtmExtras(threat, pointer, reader);
    const categories = reader.strings(threat, 'categories', pointer);
    definitions.set(key, {
      key,
      title: reader.string(threat, 'name', pointer)?.trim() || key,
      description: textOrNull(reader.string(threat, 'description', pointer)),
      stride: otmStride(extras) ?? categories.map(strideOf).find((stride) => stride !== null) ?? null,
      layer: otmLayer(extras, reader),
      cweIds: otmThreatCweIds(threat),
      severity: otmSeverity(extras),
    });
  }
  return definitions;
}

export function readOtmMitigationDefinitions(root: JsonObject, reader: ModelReader): Map<string, OtmMitigationDefinition> {
  const definitions = new Map<string, OtmMitigationDefinition>();
  for (const [mitigation, pointer] of reader.objects(root, 'mitigations', '', 'a mitigation')) {
    const key = reader.identifier(mitigation, 'id', pointer, definitions);
    if (key === null) continue;
    definitions.set(key, {
      key,
      title: reader.string(mitigation, 'name', pointer)?.trim() || key,
      description: textOrNull(reader.string(mitigation, 'description', pointer)),
    });
  }
  return definitions;
}

/**
 * The `threats` of one component or data flow. `componentKeys` are where the threat lands: the
 * component itself, or both ends of a flow (code on either side can realise a threat to the flow).
 */
export function readOtmThreatInstances(
  owner: JsonObject,
  pointer: string,
  componentKeys: string[],
  known: { threats: ReadonlyMap<string, unknown>; mitigations: ReadonlyMap<string, unknown> },
  reader: ModelReader,
): OtmThreatInstance[] {
  const instances: OtmThreatInstance[] = [];
  for (const [instance, instancePointer] of reader.objects(owner, 'threats', pointer, 'a threat instance')) {
    const threatKey = reader.requiredString(instance, 'threat', instancePointer);
    if (threatKey !== null && !known.threats.has(threatKey)) {
      reader.problem(childPointer(instancePointer, 'threat'), `names threat ${JSON.stringify(threatKey)}, which the top-level "threats" does not define`);
    }
    const mitigations: OtmThreatInstance['mitigations'] = [];
    for (const [mitigation, mitigationPointer] of reader.objects(instance, 'mitigations', instancePointer, 'a mitigation instance')) {
      const key = reader.requiredString(mitigation, 'mitigation', mitigationPointer);
      if (key === null) continue;
      if (known.mitigations.has(key)) mitigations.push({ key, status: otmMitigationStatus(reader.string(mitigation, 'state', mitigationPointer)) });
      else reader.problem(childPointer(mitigationPointer, 'mitigation'), `names mitigation ${JSON.stringify(key)}, which the top-level "mitigations" does not define`);
    }
    if (threatKey !== null && known.threats.has(threatKey)) {
      instances.push({ threatKey, componentKeys, status: otmThreatStatus(reader.string(instance, 'state', instancePointer)), mitigations });
    }
  }
  return instances;
}

/**
 * One model threat per definition, in definition order, with every place it is instantiated. A
 * definition no element instantiates is kept (open, on no component): the model still names it.
 */
export function combineOtmThreats(
  definitions: ReadonlyMap<string, OtmThreatDefinition>,
  mitigationDefinitions: ReadonlyMap<string, OtmMitigationDefinition>,
  instances: readonly OtmThreatInstance[],
): ModelThreat[] {
  return [...definitions.values()].map((definition) => {
    const own = instances.filter((instance) => instance.threatKey === definition.key);
    const mitigationStatuses = new Map<string, Array<MitigationStatus | null>>();
    for (const { key, status } of own.flatMap((instance) => instance.mitigations)) {
      mitigationStatuses.set(key, [...(mitigationStatuses.get(key) ?? []), status]);
    }
    const mitigations = [...mitigationStatuses].map(([key, statuses]) => {
      const mitigation = mitigationDefinitions.get(key) as OtmMitigationDefinition;
      return { ...mitigation, status: leastProtective(statuses) };
    });
    return {
      ...definition,
      componentKeys: [...new Set(own.flatMap((instance) => instance.componentKeys))],
      status: mostExposed(own.map((instance) => instance.status)),
      mitigations,
    };
  });
}
