import type { Severity } from '../../model/finding';
import { childPointer } from '../json-pointer';
import { isJsonObject, type JsonReader } from '../json-reader';

export const SARIF_LEVELS = ['none', 'note', 'warning', 'error'] as const;
export type SarifLevel = (typeof SARIF_LEVELS)[number];

/**
 * SARIF's level is a three-step "how seriously the tool means it" with no step above `error`, while
 * our scale has five. `error` is the tool's most serious word, but scanners use it for everything from
 * an injection to a missing header, so it maps to high and critical is left to numeric scores, which
 * are CVSS-like and can tell a critical flaw apart. `note` is worth a look but not urgent (low), and
 * `none` carries no judgement at all (info). `warning` is the SARIF default, hence medium.
 */
export const SEVERITY_OF_LEVEL: Readonly<Record<SarifLevel, Severity>> = {
  error: 'high',
  warning: 'medium',
  note: 'low',
  none: 'info',
};

/** The CVSS v3 qualitative bands, which GitHub code scanning also applies to `security-severity`. */
export function severityOfScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/**
 * `properties["security-severity"]`: a 0-10 score as a string (the GitHub convention) or a number.
 * A score out of range is an error, since it would set a wrong severity; a non-numeric value is some
 * other tool's private meaning and is ignored, leaving the level to decide.
 */
export function readSecuritySeverity(properties: unknown, pointer: string, reader: JsonReader): number | null {
  if (!isJsonObject(properties)) return null;
  const value = properties['security-severity'];
  let score: number;
  if (typeof value === 'number') score = value;
  else if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) score = Number(value);
  else return null;
  if (Number.isFinite(score) && score >= 0 && score <= 10) return score;
  reader.problem(childPointer(pointer, 'security-severity'), `${JSON.stringify(value)} must be a score from 0 to 10`);
  return null;
}
