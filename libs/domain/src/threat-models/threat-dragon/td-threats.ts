import { childPointer } from '../../ingest/json-pointer';
import { cweIdsInText, sortedCweIds } from '../../ingest/cwe-ids';
import type { JsonObject } from '../../ingest/json-reader';
import type { ModelReader } from '../model-reader';
import { severityOf, strideOf, textOrNull, wordKey } from '../model-words';
import type { MitigationStatus, ModelMitigation, ModelThreat, ThreatStatus } from '../threat-model';

/**
 * Threat Dragon's statuses: Open, Mitigated and NotApplicable in the app; the schema also lists NA,
 * Accepted, Transferred, Avoided and Eliminated. An unknown status reads as open, never as resolved.
 */
const STATUSES: Readonly<Record<string, ThreatStatus>> = {
  open: 'open',
  mitigated: 'mitigated',
  avoided: 'mitigated',
  eliminated: 'mitigated',
  accepted: 'accepted',
  transferred: 'accepted',
  notapplicable: 'not_applicable',
  not_applicable: 'not_applicable',
  na: 'not_applicable',
  n_a: 'not_applicable',
};

/**
 * The mitigation is free text on the threat. Its state follows the threat's: for an open threat it is
 * the plan, for a mitigated one what was done; for accepted or not-applicable threats it is unknown.
 */
const MITIGATION_STATUS_OF: Readonly<Record<ThreatStatus, MitigationStatus | null>> = {
  open: 'planned',
  mitigated: 'implemented',
  accepted: null,
  not_applicable: null,
};

const MAX_MITIGATION_TITLE = 120;

/**
 * One threat of a cell. `type` is a STRIDE word in STRIDE diagrams (CIA words map to the category
 * they attack; LINDDUN, DIE and PLOT4ai types have no STRIDE category). Threat Dragon has no CWE
 * field; explicit "CWE-n" mentions in the title or description are taken.
 */
export function readTdThreat(threat: JsonObject, pointer: string, key: string, componentKeys: string[], reader: ModelReader): ModelThreat {
  const type = textOrNull(reader.string(threat, 'type', pointer));
  const title = textOrNull(reader.string(threat, 'title', pointer)) ?? type ?? 'Untitled threat';
  const description = textOrNull(reader.string(threat, 'description', pointer));
  const status = statusOf(threat, pointer, reader);
  const mitigation = textOrNull(reader.string(threat, 'mitigation', pointer));
  return {
    key,
    title,
    description,
    componentKeys,
    stride: type === null ? null : strideOf(type),
    layer: null,
    cweIds: sortedCweIds([...cweIdsInText(title), ...cweIdsInText(description ?? '')]),
    severity: severityOf(reader.label(threat, 'severity', pointer) ?? ''),
    status,
    mitigations: mitigation === null ? [] : [mitigationOf(mitigation, key, status)],
  };
}

/** The threat's own id (`id` in files the app writes, `threatId` in the schema), else its place. */
export function tdThreatId(threat: JsonObject, pointer: string, reader: ModelReader): string | null {
  return reader.string(threat, 'id', pointer)?.trim() || reader.string(threat, 'threatId', pointer)?.trim() || null;
}

function statusOf(threat: JsonObject, pointer: string, reader: ModelReader): ThreatStatus {
  const status = reader.string(threat, 'status', pointer);
  if (status === null || status.trim() === '') return 'open';
  const key = wordKey(status);
  return STATUSES[key] ?? STATUSES[key.replace(/_/g, '')] ?? 'open';
}

/** Titled by its first sentence: Threat Dragon's mitigations are paragraphs, and lists show titles. */
function mitigationOf(text: string, threatKey: string, status: ThreatStatus): ModelMitigation {
  const firstLine = text.split(/\r?\n/, 1)[0].trim();
  const firstSentence = /^(.+?[.!?])\s+(?=[A-Z])/.exec(firstLine)?.[1] ?? firstLine;
  const title = firstSentence.length <= MAX_MITIGATION_TITLE ? firstSentence : `${firstSentence.slice(0, MAX_MITIGATION_TITLE - 1).trimEnd()}…`;
  return { key: `${threatKey}/mitigation`, title, description: text, status: MITIGATION_STATUS_OF[status] };
}

export function threatsOf(cell: JsonObject, data: JsonObject | null, cellPointer: string, reader: ModelReader): Array<[JsonObject, string]> {
  // Real files keep threats in the cell's data; the schema puts them on the cell itself.
  const inData = data?.threats;
  if (data !== null && inData !== undefined && inData !== null && !(Array.isArray(inData) && inData.length === 0)) return reader.objects(data, 'threats', childPointer(cellPointer, 'data'), 'a threat');
  return reader.objects(cell, 'threats', cellPointer, 'a threat');
}
