import { childPointer } from '../ingest/json-pointer';
import { isJsonObject, JsonReader, type JsonObject } from '../ingest/json-reader';
import type { ThreatModelLimits } from './source-text';

/**
 * The JSON reader of the ingest parsers, with what threat-model files also need: lists of strings,
 * numbers, required values and the native format's check for unknown members. Absent and `null`
 * members read as null, as there: both formats' producers write either.
 */
export class ModelReader extends JsonReader {
  /** The bounds the file is read under: the parsers check globs and match rules against them. */
  constructor(readonly limits: ThreatModelLimits) {
    super();
  }

  /** The root object, or a problem at the root naming what the file should have been. */
  root(value: unknown, what: string): JsonObject | null {
    if (isJsonObject(value)) return value;
    this.problem('', `must be an object (${what})`);
    return null;
  }

  requiredString(parent: JsonObject, key: string, pointer: string): string | null {
    const value = this.string(parent, key, pointer)?.trim();
    if (value) return value;
    if (value === '' || parent[key] === undefined || parent[key] === null) this.problem(childPointer(pointer, key), 'is required and must not be blank');
    return null;
  }

  /** A required identifier that no earlier element in `seen` has; a repeat is a problem and reads as null. */
  identifier(owner: JsonObject, key: string, pointer: string, seen: { has(key: string): boolean }): string | null {
    const value = this.requiredString(owner, key, pointer);
    if (value === null || !seen.has(value)) return value;
    this.problem(childPointer(pointer, key), `repeats ${JSON.stringify(value)}, which an earlier element already uses`);
    return null;
  }

  /** Versions are strings, but YAML reads `version: 2` as a number; both are accepted. */
  label(parent: JsonObject, key: string, pointer: string): string | null {
    const value = parent[key];
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return this.string(parent, key, pointer)?.trim() || null;
  }

  number(parent: JsonObject, key: string, pointer: string): number | null {
    const value = parent[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.problem(childPointer(pointer, key), 'must be a number');
    return null;
  }

  boolean(parent: JsonObject, key: string, pointer: string): boolean | null {
    const value = parent[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'boolean') return value;
    this.problem(childPointer(pointer, key), 'must be true or false');
    return null;
  }

  /** Strings of a list, trimmed; `null` and blank items are skipped (OTM's schema allows null items). */
  strings(parent: JsonObject, key: string, pointer: string): string[] {
    const items = this.array(parent, key, pointer) ?? [];
    const values: string[] = [];
    items.forEach((item, index) => {
      if (typeof item === 'string') {
        if (item.trim() !== '') values.push(item.trim());
      } else if (item !== null) {
        this.problem(childPointer(childPointer(pointer, key), index), 'must be a string');
      }
    });
    return values;
  }

  /** The objects of a list, each with its pointer; other items are problems. */
  objects(parent: JsonObject, key: string, pointer: string, what: string): Array<[JsonObject, string]> {
    const items = this.array(parent, key, pointer) ?? [];
    const listPointer = childPointer(pointer, key);
    const objects: Array<[JsonObject, string]> = [];
    items.forEach((item, index) => {
      const itemPointer = childPointer(listPointer, index);
      if (isJsonObject(item)) objects.push([item, itemPointer]);
      else this.problem(itemPointer, `must be an object (${what})`);
    });
    return objects;
  }

  /** For strict formats: every member not in `allowed` is a problem naming it. */
  onlyKeys(owner: JsonObject, pointer: string, allowed: readonly string[], what: string): void {
    for (const key of Object.keys(owner)) {
      if (!allowed.includes(key)) this.problem(childPointer(pointer, key), `is not a member of ${what}; expected one of ${allowed.join(', ')}`);
    }
  }
}
