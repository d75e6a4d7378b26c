import { cweIdsInText, cweIdsInValue, isCweId, sortedCweIds } from '../../ingest/cwe-ids';
import { isJsonObject, type JsonObject } from '../../ingest/json-reader';

const MITRE_DEFINITION_URL = /cwe\.mitre\.org\/data\/definitions\/0*(\d{1,6})\.html/gi;

/**
 * Every CWE id an OTM threat states. The schema's place is `cwes` ("CWE-79"), but producers also put
 * them in `categories`, `tags`, `references` (often as cwe.mitre.org links), `attributes` (`cwe: 639`)
 * and the description. Outside `cwes` and attributes named for CWEs, only explicit "CWE-n" mentions
 * and MITRE links count: a bare number in a tag could be anything.
 */
export function otmThreatCweIds(threat: JsonObject): number[] {
  const ids: number[] = [...cweIdsInValue(threat.cwes ?? [])];
  for (const key of ['name', 'description', 'categories', 'tags', 'references']) ids.push(...mentionedIds(threat[key]));
  if (isJsonObject(threat.attributes)) {
    for (const [key, value] of Object.entries(threat.attributes)) ids.push(...(/cwe/i.test(key) ? cweIdsInValue(value) : mentionedIds(value)));
  }
  return sortedCweIds(ids);
}

function mentionedIds(value: unknown): number[] {
  if (typeof value === 'string') return [...cweIdsInText(value), ...mitreLinkIds(value)];
  if (Array.isArray(value)) return value.flatMap(mentionedIds);
  if (isJsonObject(value)) return Object.values(value).flatMap(mentionedIds);
  return [];
}

function mitreLinkIds(text: string): number[] {
  return [...text.matchAll(MITRE_DEFINITION_URL)].map((match) => Number(match[1])).filter(isCweId);
}
