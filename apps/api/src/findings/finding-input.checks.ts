import { COMMIT_ID_PATTERN, DETECTION_STAGES, FINDING_STATUSES, SEVERITIES, SOURCE_KINDS } from '@escapement/domain';
import { arrayMaxSize, isArray, isIn, isInt, isISO8601, isString, length, matches, max, min } from 'class-validator';

/**
 * True when a posted finding passes every check `FindingInput` and `FindingLocationInput` declare, with
 * class-validator's own check functions and the decorators' arguments, and has no field they do not
 * declare: the full validator would find nothing. False means "ask the full validator", which alone
 * words the problems; so this may refuse more than the decorators do, never less (the unit spec compares
 * both on generated items). Keep it beside the decorators when one changes.
 */
export function passesFindingInputChecks(item: unknown): boolean {
  if (!plainObject(item)) return false;
  const input = item as Record<string, unknown>;
  for (const key of Object.keys(input)) if (!FIELDS.has(key)) return false;
  return (
    text(input.service, 1, 200) &&
    matches(input.service, /\S/) &&
    isIn(input.sourceKind, SOURCE_KINDS) &&
    optional(input.tool, (v) => text(v, 1, 200)) &&
    optional(input.ruleId, (v) => text(v, 1, 500)) &&
    text(input.title, 1, 1000) &&
    matches(input.title, /\S/) &&
    isIn(input.severity, SEVERITIES) &&
    optional(input.cweIds, cweIds) &&
    optional(input.location, location) &&
    optional(input.fingerprint, (v) => text(v, 1, 512)) &&
    optional(input.stage, (v) => isIn(v, DETECTION_STAGES)) &&
    optional(input.detectedAt, (v) => isISO8601(v, { strict: true })) &&
    optional(input.introducedAt, (v) => isISO8601(v, { strict: true })) &&
    optional(input.introducedCommit, (v) => isString(v) && matches(v, COMMIT_ID_PATTERN)) &&
    optional(input.changeRef, (v) => text(v, 1, 200) && matches(v, /\S/)) &&
    optional(input.status, (v) => isIn(v, FINDING_STATUSES)) &&
    optional(input.commit, (v) => text(v, 1, 100))
  );
}

const FIELDS = new Set([
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
  'introducedCommit',
  'changeRef',
  'status',
  'commit',
]);
const LOCATION_FIELDS = new Set(['repo', 'path', 'line']);

const plainObject = (value: unknown) => typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** `@IsOptional()`: null and undefined skip the field's other checks. */
const optional = (value: unknown, check: (value: unknown) => boolean) => value === null || value === undefined || check(value);

/** `@IsString() @Length(min, max)` */
const text = (value: unknown, minLength: number, maxLength: number): value is string => isString(value) && length(value, minLength, maxLength);

/** `@IsArray() @ArrayMaxSize(50) @IsInt({ each: true }) @Min(1, { each: true }) @Max(100_000, { each: true })` */
function cweIds(value: unknown): boolean {
  if (!isArray(value) || !arrayMaxSize(value, 50)) return false;
  for (const id of value) if (!isInt(id) || !min(id, 1) || !max(id, 100_000)) return false;
  return true;
}

/** `@ValidateNested() @Type(() => FindingLocationInput)`, for a plain object only (the validator words the rest). */
function location(value: unknown): boolean {
  if (!plainObject(value)) return false;
  const place = value as Record<string, unknown>;
  for (const key of Object.keys(place)) if (!LOCATION_FIELDS.has(key)) return false;
  return (
    optional(place.repo, (v) => text(v, 1, 500)) &&
    optional(place.path, (v) => text(v, 1, 2000)) &&
    optional(place.line, (v) => isInt(v) && min(v, 0) && max(v, 10_000_000))
  );
}
