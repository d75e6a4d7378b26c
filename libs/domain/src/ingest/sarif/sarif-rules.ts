import { childPointer } from '../json-pointer';
import { isJsonObject, type JsonObject, type JsonReader } from '../json-reader';
import { cweIdsInProperties, cweIdsInRelationships } from './sarif-cwe';
import { readSecuritySeverity, SARIF_LEVELS, type SarifLevel } from './sarif-severity';
import type { SarifTaxonomy } from './sarif-taxonomies';

/** A `reportingDescriptor`, reduced once per run to what converting its results needs. */
export interface SarifRule {
  readonly id: string | null;
  readonly guid: string | null;
  readonly shortDescription: string | null;
  readonly fullDescription: string | null;
  readonly messageStrings: ReadonlyMap<string, string>;
  readonly defaultLevel: SarifLevel | null;
  readonly securitySeverity: number | null;
  readonly cweIds: readonly number[];
}

/** A `toolComponent` (the driver or an extension) with its rules indexed the ways results refer to them. */
export interface SarifComponent {
  readonly name: string | null;
  readonly guid: string | null;
  /** "the driver" or "extension 2", for messages. */
  readonly label: string;
  readonly rules: readonly SarifRule[];
  readonly rulesById: ReadonlyMap<string, SarifRule>;
  readonly rulesByGuid: ReadonlyMap<string, SarifRule>;
  readonly globalMessageStrings: ReadonlyMap<string, string>;
}

export function readComponent(
  value: unknown,
  pointer: string,
  label: string,
  taxonomies: readonly SarifTaxonomy[],
  reader: JsonReader,
): SarifComponent {
  const component = isJsonObject(value) ? value : {};
  if (!isJsonObject(value)) reader.problem(pointer, 'must be a toolComponent object');
  const rulesPointer = childPointer(pointer, 'rules');
  const rules = (reader.array(component, 'rules', pointer) ?? []).map((rule, index) => readRule(rule, childPointer(rulesPointer, index), taxonomies, reader));
  const rulesById = new Map<string, SarifRule>();
  const rulesByGuid = new Map<string, SarifRule>();
  for (const rule of rules) {
    // The first of several rules with one id wins, as a lookup by index would be needed to reach the others.
    if (rule.id !== null && !rulesById.has(rule.id)) rulesById.set(rule.id, rule);
    if (rule.guid !== null && !rulesByGuid.has(rule.guid)) rulesByGuid.set(rule.guid, rule);
  }
  const guid = reader.string(component, 'guid', pointer);
  return {
    name: reader.string(component, 'name', pointer)?.trim() || null,
    guid: guid?.toLowerCase() ?? null,
    label,
    rules,
    rulesById,
    rulesByGuid,
    globalMessageStrings: readMessageStrings(component, 'globalMessageStrings', pointer, reader),
  };
}

function readRule(value: unknown, pointer: string, taxonomies: readonly SarifTaxonomy[], reader: JsonReader): SarifRule {
  if (!isJsonObject(value)) {
    reader.problem(pointer, 'must be a reportingDescriptor object');
    return { id: null, guid: null, shortDescription: null, fullDescription: null, messageStrings: new Map(), defaultLevel: null, securitySeverity: null, cweIds: [] };
  }
  const configuration = reader.object(value, 'defaultConfiguration', pointer);
  const properties = reader.object(value, 'properties', pointer);
  const guid = reader.string(value, 'guid', pointer);
  return {
    id: reader.string(value, 'id', pointer),
    guid: guid?.toLowerCase() ?? null,
    shortDescription: messageText(value, 'shortDescription', pointer, reader),
    fullDescription: messageText(value, 'fullDescription', pointer, reader),
    messageStrings: readMessageStrings(value, 'messageStrings', pointer, reader),
    defaultLevel: configuration && reader.oneOf(configuration, 'level', childPointer(pointer, 'defaultConfiguration'), SARIF_LEVELS),
    securitySeverity: readSecuritySeverity(properties, childPointer(pointer, 'properties'), reader),
    cweIds: [...cweIdsInProperties(properties), ...cweIdsInRelationships(value, pointer, taxonomies, reader)],
  };
}

/** The plain text of a `multiformatMessageString`, falling back to its Markdown. */
function messageText(owner: JsonObject, key: string, pointer: string, reader: JsonReader): string | null {
  const message = reader.object(owner, key, pointer);
  if (message === null) return null;
  const messagePointer = childPointer(pointer, key);
  return reader.string(message, 'text', messagePointer) ?? reader.string(message, 'markdown', messagePointer);
}

function readMessageStrings(owner: JsonObject, key: string, pointer: string, reader: JsonReader): Map<string, string> {
  const strings = new Map<string, string>();
  const map = reader.object(owner, key, pointer);
  if (map === null) return strings;
  const mapPointer = childPointer(pointer, key);
  for (const id of Object.keys(map)) {
    const text = messageText(map, id, mapPointer, reader);
    if (text !== null) strings.set(id, text);
  }
  return strings;
}
