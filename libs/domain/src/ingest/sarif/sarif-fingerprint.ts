import { FIELD_MAX_LENGTH, oneLine } from '../field-values';
import { isJsonObject, type JsonObject, type JsonReader } from '../json-reader';
import { sha256Hex } from '../sha256';
import { ESCAPEMENT_FINGERPRINT_KEY } from '../../exports/sarif-export';

/** What a result is and where, for fingerprints computed or scoped by us. Never the line number. */
export interface FingerprintFacts {
  toolName: string | null;
  ruleId: string | null;
  path: string | null;
  snippet: string | null;
  message: string;
}

/**
 * A result's identity, so results of the same issue (in this log or in later scans) are one finding.
 *
 * 0. `fingerprints["escapement/v1"]` is a finding's own fingerprint, written by an Escapement export: taken
 *    as it is, so re-importing an export gives the same findings rather than copies.
 * 1. `fingerprints` (§3.27.16) identify a result on their own: the first by key order, as
 *    `sarif:<key>:<value>`, so the choice does not depend on the order a tool wrote them in.
 * 2. `correlationGuid` is what a result management system assigns to logically identical results.
 * 3. `partialFingerprints` (§3.27.17) only *contribute* to an identity: CodeQL's
 *    `primaryLocationLineHash` hashes the text around a line and nothing else, so two rules on the
 *    same line, or the same line in two files, share it. They are hashed together with tool, rule and
 *    path. Keys naming the primary location hash are preferred over the rest when present, because
 *    others (a whole-file hash) change with every edit of the file and would split one issue in two.
 * 4. Otherwise a hash of tool, rule, path and the snippet with its white space collapsed, which
 *    survives the code moving to another line; without a snippet, the message stands in for it.
 *    Without a rule id the message is added too, so two anonymous rules on one line stay apart.
 */
export function sarifFingerprint(result: JsonObject, pointer: string, facts: FingerprintFacts, reader: JsonReader): string {
  const full = fingerprintEntries(reader.object(result, 'fingerprints', pointer));
  const own = full.find(([key]) => key === ESCAPEMENT_FINGERPRINT_KEY);
  if (own && own[1].length <= FIELD_MAX_LENGTH.fingerprint) return own[1];
  if (full.length > 0) {
    const [key, value] = full[0];
    const fingerprint = `sarif:${key}:${value}`;
    return fingerprint.length <= FIELD_MAX_LENGTH.fingerprint ? fingerprint : `sarif:${key}:sha256:${sha256Hex(value)}`;
  }
  const correlationGuid = reader.string(result, 'correlationGuid', pointer);
  if (correlationGuid !== null && correlationGuid.trim() !== '') return `sarif:correlationGuid:${correlationGuid.trim().toLowerCase()}`;

  const tool = facts.toolName?.toLowerCase() ?? '';
  const rule = facts.ruleId ?? '';
  const path = facts.path ?? '';
  const partial = fingerprintEntries(reader.object(result, 'partialFingerprints', pointer));
  if (partial.length > 0) {
    const primary = partial.filter(([key]) => /primaryLocation\w*Hash/i.test(key));
    return `sarif-partial:${sha256Hex(JSON.stringify([tool, rule, path, primary.length > 0 ? primary : partial]))}`;
  }
  const message = oneLine(facts.message);
  const snippet = facts.snippet === null ? '' : oneLine(facts.snippet);
  const parts = snippet !== '' ? ['snippet', tool, rule, path, snippet, facts.ruleId === null ? message : ''] : ['message', tool, rule, path, message];
  return `sarif-computed:${sha256Hex(JSON.stringify(parts))}`;
}

/**
 * Key order, string values only. Numbers are read as text, and `{ "value": "…" }` wrappers (seen in
 * Black Duck exports) are unwrapped; anything else cannot be an identity and is passed over.
 */
function fingerprintEntries(map: JsonObject | null): [string, string][] {
  if (map === null) return [];
  const entries: [string, string][] = [];
  for (const key of Object.keys(map).sort()) {
    const raw = map[key];
    const value = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : isJsonObject(raw) && typeof raw.value === 'string' ? raw.value : null;
    if (value !== null && value.trim() !== '') entries.push([key, value.trim()]);
  }
  return entries;
}
