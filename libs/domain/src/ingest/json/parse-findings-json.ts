import { DETECTION_STAGES } from '../../model/detection-stage';
import { FINDING_STATUSES, SEVERITIES, SOURCE_KINDS } from '../../model/finding';
import { isCweId, sortedCweIds } from '../cwe-ids';
import { FIELD_MAX_LENGTH, MAX_CWE_IDS, MAX_LINE } from '../field-values';
import { computeFindingFingerprint } from '../finding-fingerprint';
import { childPointer } from '../json-pointer';
import { isJsonObject, JsonReader, type JsonObject } from '../json-reader';
import { InputError, type ParsedFinding } from '../parsed-finding';

/** The API's finding properties: a file of findings is a saved request body. */
const FINDING_KEYS = new Set([
  'service',
  'sourceKind',
  'tool',
  'ruleId',
  'title',
  'severity',
  'cweIds',
  'location',
  'fingerprint',
  'stage',
  'detectedAt',
  'introducedAt',
  'status',
  'commit',
]);
const LOCATION_KEYS = new Set(['repo', 'path', 'line']);

/**
 * Findings from a JSON file shaped like the API's findings body: an array of findings, or an object
 * with a `findings` array (other top-level members, such as a `$schema`, are ignored). It is a format
 * machines write, so values must be exactly the API's (no case folding), and properties the API does
 * not know are errors rather than silently dropped. Unlike the API, `service` and `sourceKind` may be
 * left out: the import supplies defaults. `commit` is accepted but not carried, as ParsedFinding has
 * no field for it yet. Every problem gets its JSON pointer; up to 100 are reported at once.
 */
export function parseFindingsJson(body: unknown): ParsedFinding[] {
  const items = Array.isArray(body) ? body : isJsonObject(body) ? body.findings : undefined;
  const prefix = Array.isArray(body) ? '' : '/findings';
  if (!Array.isArray(items)) {
    const problem = { pointer: isJsonObject(body) ? '/findings' : '', message: 'expected an array of findings (or an object with a "findings" array)' };
    throw new InputError('A findings file is a JSON array of findings, or an object with a "findings" array', [problem]);
  }
  const reader = new JsonReader();
  const findings: ParsedFinding[] = [];
  items.forEach((item, index) => {
    const before = reader.problems.count;
    const finding = readFinding(item, childPointer(prefix, index), reader);
    if (finding !== null && reader.problems.count === before) findings.push(finding);
  });
  reader.problems.throwIfAny('the findings file');
  return findings;
}

function readFinding(item: unknown, pointer: string, reader: JsonReader): ParsedFinding | null {
  if (!isJsonObject(item)) {
    reader.problem(pointer, 'must be a finding object');
    return null;
  }
  for (const key of Object.keys(item)) if (!FINDING_KEYS.has(key)) reader.problem(childPointer(pointer, key), 'is not a finding property');

  const title = text(item, 'title', pointer, FIELD_MAX_LENGTH.title, reader);
  if (title === null) reader.problem(childPointer(pointer, 'title'), 'is required and must not be blank');
  const severity = reader.oneOf(item, 'severity', pointer, SEVERITIES);
  if (item.severity === undefined || item.severity === null) reader.problem(childPointer(pointer, 'severity'), `is required: one of ${SEVERITIES.join(', ')}`);
  const tool = text(item, 'tool', pointer, FIELD_MAX_LENGTH.tool, reader);
  const ruleId = text(item, 'ruleId', pointer, FIELD_MAX_LENGTH.ruleId, reader);
  const cweIds = readCweIds(item, pointer, reader);
  const location = reader.object(item, 'location', pointer) ?? {};
  const locationPointer = childPointer(pointer, 'location');
  for (const key of Object.keys(location)) if (!LOCATION_KEYS.has(key)) reader.problem(childPointer(locationPointer, key), 'is not a location property');
  const repo = text(location, 'repo', locationPointer, FIELD_MAX_LENGTH.repo, reader);
  const path = text(location, 'path', locationPointer, FIELD_MAX_LENGTH.path, reader);
  const line = readLine(location, locationPointer, reader);
  const detectedAt = reader.dateTime(item, 'detectedAt', pointer);
  const introducedAt = reader.dateTime(item, 'introducedAt', pointer);
  if (introducedAt !== null && detectedAt !== null && introducedAt > detectedAt) {
    reader.problem(childPointer(pointer, 'introducedAt'), 'is after detectedAt: a flaw cannot be found before it exists');
  }
  text(item, 'commit', pointer, FIELD_MAX_LENGTH.commit, reader);
  const fingerprint = text(item, 'fingerprint', pointer, FIELD_MAX_LENGTH.fingerprint, reader);
  const service = text(item, 'service', pointer, FIELD_MAX_LENGTH.service, reader);
  const sourceKind = reader.oneOf(item, 'sourceKind', pointer, SOURCE_KINDS);
  const stage = reader.oneOf(item, 'stage', pointer, DETECTION_STAGES);
  const status = reader.oneOf(item, 'status', pointer, FINDING_STATUSES);
  if (title === null || severity === null) return null;
  return {
    tool,
    ruleId,
    title,
    severity,
    cweIds,
    sourceKind,
    location: { repo, path, line },
    fingerprint: fingerprint ?? computeFindingFingerprint({ tool, ruleId, repo, path, title, cweIds }),
    suppressed: false,
    detectedAt,
    introducedAt,
    status,
    stage,
    service,
  };
}

/** A trimmed string of at most `max` characters; blank reads as absent, as in the API. */
function text(owner: JsonObject, key: string, pointer: string, max: number, reader: JsonReader): string | null {
  const value = reader.string(owner, key, pointer)?.trim();
  if (!value) return null;
  if (value.length <= max) return value;
  reader.problem(childPointer(pointer, key), `is ${value.length} characters long; at most ${max} are allowed`);
  return null;
}

function readCweIds(item: JsonObject, pointer: string, reader: JsonReader): number[] {
  const values = reader.array(item, 'cweIds', pointer) ?? [];
  const listPointer = childPointer(pointer, 'cweIds');
  if (values.length > MAX_CWE_IDS) reader.problem(listPointer, `has ${values.length} ids; at most ${MAX_CWE_IDS} are allowed`);
  const ids: number[] = [];
  values.forEach((value, index) => {
    if (typeof value === 'number' && isCweId(value)) ids.push(value);
    else reader.problem(childPointer(listPointer, index), 'must be a CWE id (a whole number such as 639)');
  });
  return sortedCweIds(ids);
}

function readLine(location: JsonObject, pointer: string, reader: JsonReader): number | null {
  const value = location.line;
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_LINE) return value;
  reader.problem(childPointer(pointer, 'line'), `must be a whole number from 0 to ${MAX_LINE}`);
  return null;
}
