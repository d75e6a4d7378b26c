import type { ImportWarning, ImportWarningCode } from './import-warning';
import { parseIsoDateTime } from './iso-date-time';
import { childPointer } from './json-pointer';
import { ProblemList } from './problem-list';

export type JsonObject = { readonly [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the members of JSON inputs (SARIF logs, findings files) that an importer uses, recording a
 * located problem for each member of the wrong type. Absent and `null` members read as `null`: real
 * producers emit both. Members an importer does not ask for are never looked at.
 */
export class JsonReader {
  /** What was accepted but read differently from how it was written; the input is not refused for it. */
  readonly warnings: ImportWarning[] = [];

  constructor(readonly problems = new ProblemList()) {}

  problem(pointer: string, message: string): void {
    this.problems.at(pointer, message);
  }

  warn(pointer: string, code: ImportWarningCode, message: string): void {
    this.warnings.push({ code, message, pointer });
  }

  object(parent: JsonObject, key: string, pointer: string): JsonObject | null {
    const value = parent[key];
    if (value === undefined || value === null) return null;
    if (isJsonObject(value)) return value;
    this.problem(childPointer(pointer, key), 'must be an object');
    return null;
  }

  array(parent: JsonObject, key: string, pointer: string): readonly unknown[] | null {
    const value = parent[key];
    if (value === undefined || value === null) return null;
    if (Array.isArray(value)) return value;
    this.problem(childPointer(pointer, key), 'must be an array');
    return null;
  }

  string(parent: JsonObject, key: string, pointer: string): string | null {
    const value = parent[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return value;
    this.problem(childPointer(pointer, key), 'must be a string');
    return null;
  }

  /** An array index. SARIF writes -1 for "no index", so that reads as absent too. */
  index(parent: JsonObject, key: string, pointer: string): number | null {
    const value = parent[key];
    if (value === undefined || value === null || value === -1) return null;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
    this.problem(childPointer(pointer, key), 'must be an array index (an integer of at least 0)');
    return null;
  }

  /** An integer from 1 to `max`: counts and line numbers, which must also fit the column they are stored in. */
  positiveInteger(parent: JsonObject, key: string, pointer: string, max = Number.MAX_SAFE_INTEGER): number | null {
    const value = parent[key];
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) return value;
    this.problem(childPointer(pointer, key), `must be a whole number from 1 to ${max}`);
    return null;
  }

  /** One of a fixed set of strings, as schema enums are. */
  oneOf<T extends string>(parent: JsonObject, key: string, pointer: string, choices: readonly T[]): T | null {
    const value = this.string(parent, key, pointer);
    if (value === null) return null;
    if ((choices as readonly string[]).includes(value)) return value as T;
    this.problem(childPointer(pointer, key), `${JSON.stringify(value)} is not one of ${choices.join(', ')}`);
    return null;
  }

  /** An ISO 8601 date-time, normalised to UTC. */
  dateTime(parent: JsonObject, key: string, pointer: string): string | null {
    const value = this.string(parent, key, pointer);
    if (value === null) return null;
    const iso = parseIsoDateTime(value);
    if (iso === null) this.problem(childPointer(pointer, key), `${JSON.stringify(value)} is not an ISO 8601 date-time`);
    return iso;
  }
}
