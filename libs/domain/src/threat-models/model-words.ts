import { SEVERITIES, type Severity } from '../model/finding';
import { PWNISMS_LAYERS, STRIDE_CATEGORIES, type PwnismsLayer, type StrideCategory } from '../model/pwnisms';

/**
 * Tools write the same notions in many spellings ("Elevation of privilege", "ELEVATION_OF_PRIVILEGE",
 * "Denial-of-Service"); these read them leniently for the imported formats. The native format checks its
 * enums exactly instead.
 */

/** Lower case, words separated by single underscores: "Information  Disclosure" → "information_disclosure". */
export function wordKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

const STRIDE_SYNONYMS: Readonly<Record<string, StrideCategory>> = {
  spoof: 'spoofing',
  tamper: 'tampering',
  info_disclosure: 'information_disclosure',
  disclosure_of_information: 'information_disclosure',
  dos: 'denial_of_service',
  elevation_of_privileges: 'elevation_of_privilege',
  privilege_escalation: 'elevation_of_privilege',
  eop: 'elevation_of_privilege',
  // Threat Dragon's CIA diagrams: each property is what one STRIDE category attacks.
  confidentiality: 'information_disclosure',
  integrity: 'tampering',
  availability: 'denial_of_service',
};

export function strideOf(text: string): StrideCategory | null {
  const key = wordKey(text);
  if ((STRIDE_CATEGORIES as readonly string[]).includes(key)) return key as StrideCategory;
  return STRIDE_SYNONYMS[key] ?? null;
}

const SEVERITY_SYNONYMS: Readonly<Record<string, Severity>> = {
  informational: 'info',
  information: 'info',
  moderate: 'medium',
  med: 'medium',
  crit: 'critical',
};

export function severityOf(text: string): Severity | null {
  const key = wordKey(text);
  if ((SEVERITIES as readonly string[]).includes(key)) return key as Severity;
  return SEVERITY_SYNONYMS[key] ?? null;
}

export function layerOf(text: string): PwnismsLayer | null {
  const key = wordKey(text);
  return (PWNISMS_LAYERS as readonly string[]).includes(key) ? (key as PwnismsLayer) : null;
}

/** Diagram labels carry line breaks for layout ("Web\nApplication"); a name is one line. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Trimmed text, or null when blank: real files write "" for "not given". */
export function textOrNull(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  return trimmed ? trimmed : null;
}
