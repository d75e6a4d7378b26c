import { DETECTION_STAGES, type DetectionStage } from '../model/detection-stage';
import { FINDING_STATUSES, SEVERITIES, SOURCE_KINDS, type FindingStatus, type Severity, type SourceKind } from '../model/finding';

/** The API's length limits, so a parsed finding is never refused later for being too long. */
export const FIELD_MAX_LENGTH = {
  service: 200,
  tool: 200,
  ruleId: 500,
  title: 1000,
  repo: 500,
  path: 2000,
  fingerprint: 512,
  commit: 100,
} as const;

/** The API's bounds for a line number and for the CWE ids of one finding. */
export const MAX_LINE = 10_000_000;
export const MAX_CWE_IDS = 50;

/** Severities as people list them, most severe first. */
export const SEVERITY_CHOICES: readonly Severity[] = [...SEVERITIES].reverse();

/**
 * Reads one of a fixed set of words. With `lenient` (text typed by people), case, surrounding space and
 * the separator do not matter: "Pre-release", "pre release" and "PRE_RELEASE" are all `pre_release`.
 */
export function oneOf<T extends string>(choices: readonly T[], text: string, lenient: boolean): T | null {
  const key = lenient ? text.trim().toLowerCase().replace(/[\s-]+/g, '_') : text;
  return (choices as readonly string[]).includes(key) ? (key as T) : null;
}

/** Pentest and bounty reports say "informational"; nobody should have to rewrite that. */
export function parseSeverity(text: string, lenient: boolean): Severity | null {
  const severity = oneOf(SEVERITIES, text, lenient);
  if (severity || !lenient) return severity;
  return /^\s*informational\s*$/i.test(text) ? 'info' : null;
}

export const parseSourceKind = (text: string, lenient: boolean): SourceKind | null => oneOf(SOURCE_KINDS, text, lenient);
export const parseStage = (text: string, lenient: boolean): DetectionStage | null => oneOf(DETECTION_STAGES, text, lenient);
export const parseStatus = (text: string, lenient: boolean): FindingStatus | null => oneOf(FINDING_STATUSES, text, lenient);

/** "is not one of a, b, c": the message every enum field uses. */
export function notOneOf(text: string, choices: readonly string[]): string {
  return `${JSON.stringify(text)} is not one of ${choices.join(', ')}`;
}

/** Trimmed, with runs of white space (line breaks included) as one space: titles are one line. */
export function oneLine(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Cut to at most `max` UTF-16 units, never between the halves of a surrogate pair, ending in "…". */
export function capLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
