import { childPointer } from '../../ingest/json-pointer';
import { cweIdsInText, isCweId, sortedCweIds } from '../../ingest/cwe-ids';
import type { JsonObject } from '../../ingest/json-reader';
import { globProblem } from '../glob';
import type { ModelReader } from '../model-reader';
import { textOrNull } from '../model-words';
import type { ComponentMatchRules } from '../threat-model';

/**
 * Keys are how other elements, later versions and URLs refer to an element, so they are short and
 * plain: a letter or digit, then letters, digits, `.`, `_`, `:` or `-`.
 */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const MAX_KEY_LENGTH = 100;
const MATCH_MEMBERS = ['repos', 'paths', 'services'] as const;

export function readKey(owner: JsonObject, pointer: string, seen: { has(key: string): boolean }, reader: ModelReader): string | null {
  const key = reader.identifier(owner, 'key', pointer, seen);
  if (key === null) return null;
  if (key.length <= MAX_KEY_LENGTH && KEY.test(key)) return key;
  reader.problem(childPointer(pointer, 'key'), `${JSON.stringify(key)} is not a key: up to ${MAX_KEY_LENGTH} letters, digits, ".", "_", ":" or "-", starting with a letter or digit`);
  return null;
}

export function optionalText(owner: JsonObject, key: string, pointer: string, reader: ModelReader): string | null {
  return textOrNull(reader.string(owner, key, pointer));
}

/** A list of keys, each of which must name an element of `known` (`what` says which list). */
export function readReferences(owner: JsonObject, key: string, pointer: string, known: ReadonlySet<string>, what: string, reader: ModelReader): string[] {
  const listPointer = childPointer(pointer, key);
  const keys: string[] = [];
  (reader.array(owner, key, pointer) ?? []).forEach((item, index) => {
    const itemPointer = childPointer(listPointer, index);
    if (typeof item !== 'string' || item.trim() === '') reader.problem(itemPointer, `must be the key of ${what}`);
    else if (!known.has(item.trim())) reader.problem(itemPointer, `${JSON.stringify(item)} is not the key of any of the ${what}s`);
    else if (!keys.includes(item.trim())) keys.push(item.trim());
  });
  return keys;
}

/** One key, or null, that must name an element of `known`. */
export function readReference(owner: JsonObject, key: string, pointer: string, known: ReadonlySet<string>, what: string, reader: ModelReader): string | null {
  const value = reader.string(owner, key, pointer)?.trim() || null;
  if (value !== null && !known.has(value)) reader.problem(childPointer(pointer, key), `${JSON.stringify(value)} is not the key of any ${what}`);
  return value !== null && known.has(value) ? value : null;
}

/** CWE ids as numbers (639) or as "CWE-639"; nothing else, so a typo is reported rather than lost. */
export function readCweIds(owner: JsonObject, pointer: string, reader: ModelReader): number[] {
  const listPointer = childPointer(pointer, 'cweIds');
  const ids: number[] = [];
  (reader.array(owner, 'cweIds', pointer) ?? []).forEach((item, index) => {
    const named = typeof item === 'string' && /^\s*cwe-\d+\s*$/i.test(item) ? cweIdsInText(item) : [];
    if (typeof item === 'number' && isCweId(item)) ids.push(item);
    else if (named.length === 1) ids.push(named[0]);
    else reader.problem(childPointer(listPointer, index), 'must be a CWE id: a whole number such as 639, or "CWE-639"');
  });
  return sortedCweIds(ids);
}

export function readMatchRules(component: JsonObject, pointer: string, reader: ModelReader): ComponentMatchRules {
  const rules: ComponentMatchRules = { repos: [], paths: [], services: [] };
  const match = reader.object(component, 'match', pointer);
  if (match === null) return rules;
  const matchPointer = childPointer(pointer, 'match');
  reader.onlyKeys(match, matchPointer, MATCH_MEMBERS, 'match');
  const count = MATCH_MEMBERS.reduce((sum, member) => sum + (Array.isArray(match[member]) ? (match[member] as unknown[]).length : 0), 0);
  if (count > reader.limits.maxRulesPerComponent) {
    reader.problem(matchPointer, `has ${count} rules; a component may have at most ${reader.limits.maxRulesPerComponent}`);
    return rules;
  }
  for (const member of MATCH_MEMBERS) {
    const listPointer = childPointer(matchPointer, member);
    (reader.array(match, member, matchPointer) ?? []).forEach((item, index) => {
      const itemPointer = childPointer(listPointer, index);
      if (typeof item !== 'string' || item.trim() === '') return reader.problem(itemPointer, 'must be a non-blank string');
      const problem = member === 'services' ? null : globProblem(item, reader.limits.glob);
      if (problem !== null) return reader.problem(itemPointer, problem);
      if (!rules[member].includes(item.trim())) rules[member].push(item.trim());
    });
  }
  return rules;
}
