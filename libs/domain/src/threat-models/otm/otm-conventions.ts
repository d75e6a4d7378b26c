import { childPointer } from '../../ingest/json-pointer';
import type { JsonObject } from '../../ingest/json-reader';
import type { Severity } from '../../model/finding';
import type { PwnismsLayer, StrideCategory } from '../../model/pwnisms';
import { globProblem } from '../glob';
import type { ModelReader } from '../model-reader';
import { layerOf, severityOf, strideOf } from '../model-words';
import type { ComponentMatchRules } from '../threat-model';

/**
 * OTM has no fields for what Escapement needs beyond its schema, but every element has free-form
 * `attributes` (documented as a map of strings) and `tags`. Escapement reads these names there (see
 * docs/threat-models.md):
 * - attributes `escapement.repos`, `escapement.paths`, `escapement.services`: a list, or one string
 *   holding several values separated by commas or new lines (commas inside `{a,b}` stay in the glob);
 * - attributes `escapement.layer`, `escapement.stride`, `escapement.severity` (plain `severity` too);
 * - tags `escapement.repo:<repo>`, `escapement.path:<glob>`, `escapement.service:<name>`,
 *   `escapement.layer:<layer>`, for tools that let people tag but not add attributes.
 */
const RULE_ATTRIBUTES = { repos: 'escapement.repos', paths: 'escapement.paths', services: 'escapement.services' } as const;
const RULE_TAGS = { repos: 'escapement.repo:', paths: 'escapement.path:', services: 'escapement.service:' } as const;
const LAYER_TAG = 'escapement.layer:';

/** An element's `attributes` and `tags`, read once so that a malformed one is reported once. */
export interface OtmExtras {
  pointer: string;
  attributes: JsonObject | null;
  tags: string[];
}

export function readOtmExtras(element: JsonObject, pointer: string, reader: ModelReader): OtmExtras {
  return { pointer, attributes: reader.object(element, 'attributes', pointer), tags: reader.strings(element, 'tags', pointer) };
}

export function otmMatchRules({ pointer, attributes, tags }: OtmExtras, reader: ModelReader): ComponentMatchRules {
  const attributesPointer = childPointer(pointer, 'attributes');
  const rules: ComponentMatchRules = { repos: [], paths: [], services: [] };
  for (const kind of ['repos', 'paths', 'services'] as const) {
    const fromAttribute = attributes === null ? [] : listAttribute(attributes, RULE_ATTRIBUTES[kind], attributesPointer, reader);
    const fromTags = tags.filter((tag) => tag.startsWith(RULE_TAGS[kind])).map((tag) => tag.slice(RULE_TAGS[kind].length).trim());
    rules[kind] = [...new Set([...fromAttribute, ...fromTags].filter((value) => value !== ''))];
  }
  const count = rules.repos.length + rules.paths.length + rules.services.length;
  if (count > reader.limits.maxRulesPerComponent) {
    reader.problem(attributes === null ? childPointer(pointer, 'tags') : attributesPointer, `has ${count} match rules; a component may have at most ${reader.limits.maxRulesPerComponent}`);
    return { repos: [], paths: [], services: [] };
  }
  const pathsPointer = attributes?.[RULE_ATTRIBUTES.paths] === undefined ? childPointer(pointer, 'tags') : childPointer(attributesPointer, RULE_ATTRIBUTES.paths);
  for (const path of rules.paths) {
    const problem = globProblem(path, reader.limits.glob);
    if (problem !== null) reader.problem(pathsPointer, problem);
  }
  const reposPointer = attributes?.[RULE_ATTRIBUTES.repos] === undefined ? childPointer(pointer, 'tags') : childPointer(attributesPointer, RULE_ATTRIBUTES.repos);
  for (const repo of rules.repos) {
    const problem = globProblem(repo, reader.limits.glob);
    if (problem !== null) reader.problem(reposPointer, problem);
  }
  return rules;
}

export function otmLayer({ pointer, attributes, tags }: OtmExtras, reader: ModelReader): PwnismsLayer | null {
  const attribute = attributes?.['escapement.layer'];
  const tag = tags.find((value) => value.startsWith(LAYER_TAG));
  const text = typeof attribute === 'string' ? attribute : tag?.slice(LAYER_TAG.length);
  if (text === undefined) return null;
  const layer = layerOf(text);
  if (layer === null) {
    const at = typeof attribute === 'string' ? childPointer(childPointer(pointer, 'attributes'), 'escapement.layer') : childPointer(pointer, 'tags');
    reader.problem(at, `${JSON.stringify(text)} is not a PWNISMS layer (product, workload, network, iam, secrets, monitoring, supply_chain)`);
  }
  return layer;
}

export function otmStride({ attributes }: OtmExtras): StrideCategory | null {
  const value = attributes?.['escapement.stride'];
  return typeof value === 'string' ? strideOf(value) : null;
}

export function otmSeverity({ attributes }: OtmExtras): Severity | null {
  const value = attributes?.['escapement.severity'] ?? attributes?.severity;
  return typeof value === 'string' ? severityOf(value) : null;
}

function listAttribute(attributes: JsonObject, key: string, pointer: string, reader: ModelReader): string[] {
  const value = attributes[key];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return splitOutsideBraces(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.map((item: string) => item.trim());
  reader.problem(childPointer(pointer, key), 'must be a string or a list of strings');
  return [];
}

/** "a, b\nsrc/{x,y}/**" → ["a", "b", "src/{x,y}/**"]. */
function splitOutsideBraces(text: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '{') depth++;
    if (char === '}' && depth > 0) depth--;
    if ((char === ',' && depth === 0) || char === '\n' || char === '\r') {
      values.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  values.push(current.trim());
  return values.filter((value) => value !== '');
}
