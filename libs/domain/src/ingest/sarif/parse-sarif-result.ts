import { ESCAPEMENT_SARIF_PROPERTIES } from '../../exports/sarif-export';
import { DETECTION_STAGES } from '../../model/detection-stage';
import { FINDING_STATUSES, SOURCE_KINDS } from '../../model/finding';
import { parseCommitId } from '../commit-id';
import { sortedCweIds } from '../cwe-ids';
import { capLength, FIELD_MAX_LENGTH, oneLine } from '../field-values';
import { childPointer } from '../json-pointer';
import { isJsonObject, type JsonObject, JsonReader } from '../json-reader';
import { InputError, type ParsedFinding } from '../parsed-finding';
import { cweIdsInProperties, cweIdsInTaxa } from './sarif-cwe';
import { sarifFingerprint } from './sarif-fingerprint';
import { readLocation } from './sarif-location';
import { resultMessage } from './sarif-message';
import { findRule } from './sarif-rule-lookup';
import type { SarifRule } from './sarif-rules';
import type { SarifRunContext } from './sarif-run-context';
import { readSecuritySeverity, SARIF_LEVELS, SEVERITY_OF_LEVEL, severityOfScore, type SarifLevel } from './sarif-severity';

const RESULT_KINDS = ['pass', 'open', 'informational', 'notApplicable', 'review', 'fail'] as const;
type ResultKind = (typeof RESULT_KINDS)[number];
/** `existing` is the pre-release drafts' word for `unchanged`; the spec's own appendix K still uses it. */
const BASELINE_STATES = ['new', 'unchanged', 'updated', 'absent', 'existing'] as const;
const SUPPRESSION_STATUSES = ['accepted', 'underReview', 'rejected'] as const;

/**
 * One SARIF result as a finding, or null when the result is not a finding in this log:
 * - `kind` `pass` or `notApplicable`: the tool checked and found nothing wrong;
 * - `baselineState` `absent`: the result was in the baseline and is gone from this scan. Counting it
 *   would record a detection of something no longer there.
 * A result that is suppressed is still a finding, with `suppressed` set: suppressions are decisions
 * people made about real findings, and hiding them would hide how many were waved through.
 *
 * Throws an InputError listing every problem of the result, each with its JSON pointer.
 */
export function parseSarifResult(result: unknown, context: SarifRunContext, pointer: string): ParsedFinding | null {
  if (!isJsonObject(result)) throw new InputError(`${pointer} is not a SARIF result`, [{ pointer, message: 'must be a result object' }]);
  const reader = new JsonReader();

  const kind = reader.oneOf(result, 'kind', pointer, RESULT_KINDS);
  const baselineState = reader.oneOf(result, 'baselineState', pointer, BASELINE_STATES);
  const { ruleId, rule, component } = findRule(result, pointer, context, reader);
  const message = resultMessage(result, pointer, rule, [component, context.driver], reader);
  const rawTitle = [message, rule?.shortDescription, rule?.fullDescription, ruleId].map((text) => (text ? oneLine(text) : '')).find((text) => text !== '');
  if (rawTitle === undefined) reader.problem(childPointer(pointer, 'message'), 'is required: neither the result nor its rule has text to use as a title');
  const title = capLength(rawTitle ?? '', FIELD_MAX_LENGTH.title);

  const level = reader.oneOf(result, 'level', pointer, SARIF_LEVELS);
  const properties = reader.object(result, 'properties', pointer);
  const score = readSecuritySeverity(properties, childPointer(pointer, 'properties'), reader) ?? rule?.securitySeverity ?? null;
  const severity = score !== null ? severityOfScore(score) : SEVERITY_OF_LEVEL[effectiveLevel(level, kind, rule)];

  const introduced = readIntroduction(properties, childPointer(pointer, 'properties'), reader);
  const own = readEscapementProperties(properties, childPointer(pointer, 'properties'), reader);
  const location = readLocation(result, pointer, context, reader);
  const cweIds = sortedCweIds([...(rule?.cweIds ?? []), ...cweIdsInProperties(properties), ...cweIdsInTaxa(result, pointer, context.taxonomies, reader)]);
  const suppressed = hasAcceptedSuppression(result, pointer, reader);
  const provenance = reader.object(result, 'provenance', pointer);
  const firstDetected = provenance && reader.dateTime(provenance, 'firstDetectionTimeUtc', childPointer(pointer, 'provenance'));
  const fingerprint = sarifFingerprint(
    result,
    pointer,
    { toolName: context.toolName, ruleId, path: location.path, snippet: location.snippet, message: message ?? title },
    reader,
  );

  reader.problems.throwIfAny(`the SARIF result at ${pointer}`);
  if (kind === 'pass' || kind === 'notApplicable' || baselineState === 'absent') return null;
  return {
    tool: context.toolName,
    ruleId,
    title,
    severity,
    cweIds,
    sourceKind: own.sourceKind,
    location: { repo: context.repo, path: location.path, line: location.line },
    fingerprint,
    suppressed,
    detectedAt: firstDetected ?? context.detectedAt,
    introducedAt: introduced.at,
    introducedCommit: introduced.commit,
    status: own.status,
    stage: own.stage,
    service: null,
    ...(reader.warnings.length ? { warnings: reader.warnings } : {}),
  };
}

/**
 * §3.27.10: without a `level`, a failing result takes its rule's configured level (default `warning`),
 * while results of the other kinds (`open`, `review`, `informational`) are `none`.
 */
function effectiveLevel(level: SarifLevel | null, kind: ResultKind | null, rule: SarifRule | null): SarifLevel {
  if (level !== null) return level;
  if (kind !== null && kind !== 'fail') return 'none';
  return rule?.defaultLevel ?? 'warning';
}

/**
 * SARIF has no field for when a flaw was introduced; `escapement upload --blame` (or any producer) puts it
 * in the result's property bag as `introducedAt` (ISO 8601) and `introducedCommit` (hexadecimal commit id).
 */
function readIntroduction(properties: JsonObject | null, pointer: string, reader: JsonReader): { at: string | null; commit: string | null } {
  if (properties === null) return { at: null, commit: null };
  const at = reader.dateTime(properties, 'introducedAt', pointer);
  const text = reader.string(properties, 'introducedCommit', pointer);
  const commit = text === null ? null : parseCommitId(text);
  if (text !== null && commit === null) reader.problem(childPointer(pointer, 'introducedCommit'), `${JSON.stringify(text)} is not a commit id: 4 to 64 hexadecimal digits`);
  return { at, commit };
}

/**
 * What an Escapement export writes into the property bag for what SARIF has no field for: the stage of
 * the first detection, the source kind and the status. Other producers do not write these keys.
 */
function readEscapementProperties(properties: JsonObject | null, pointer: string, reader: JsonReader) {
  if (properties === null) return { stage: null, sourceKind: null, status: null };
  return {
    stage: reader.oneOf(properties, ESCAPEMENT_SARIF_PROPERTIES.stage, pointer, DETECTION_STAGES),
    sourceKind: reader.oneOf(properties, ESCAPEMENT_SARIF_PROPERTIES.sourceKind, pointer, SOURCE_KINDS),
    status: reader.oneOf(properties, ESCAPEMENT_SARIF_PROPERTIES.status, pointer, FINDING_STATUSES),
  };
}

/** §3.35: a suppression counts unless it is still under review or was rejected. */
function hasAcceptedSuppression(result: JsonObject, pointer: string, reader: JsonReader): boolean {
  const suppressions = reader.array(result, 'suppressions', pointer) ?? [];
  let suppressed = false;
  suppressions.forEach((suppression, index) => {
    const suppressionPointer = childPointer(childPointer(pointer, 'suppressions'), index);
    if (!isJsonObject(suppression)) {
      reader.problem(suppressionPointer, 'must be a suppression object');
      return;
    }
    const status = reader.oneOf(suppression, 'status', suppressionPointer, SUPPRESSION_STATUSES);
    if (status === null || status === 'accepted') suppressed = true;
  });
  return suppressed;
}
