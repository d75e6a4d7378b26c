import { computeFindingFingerprint, DEFAULT_STAGE_OF_SOURCE } from '@escapement/domain';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { passesFindingInputChecks } from './finding-input.checks';
import { invalid, ProblemDetail } from '../common/domain-error';
import { toProblemDetails } from '../common/validation';
import { FindingInput } from './finding.dto';
import { withClassification, type FindingRecord } from './finding-record';

const MAX_FINDINGS_PER_REQUEST = 10_000;
/** Clocks drift; a detection more than a day in the future is a mistake, not a clock. */
const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000;

/**
 * Validates a JSON findings body (an array, or `{ "findings": [...] }`) as a whole: every problem is
 * reported with its JSON pointer, and nothing is accepted unless everything is valid.
 */
export function parseFindingsBody(body: unknown, now = new Date()): FindingRecord[] {
  const items = Array.isArray(body) ? body : (body as { findings?: unknown })?.findings;
  const prefix = Array.isArray(body) ? '' : '/findings';
  if (!Array.isArray(items)) {
    throw invalid('The body must be a JSON array of findings (or an object with a "findings" array)', [{ pointer: prefix || '/', message: 'expected an array' }]);
  }
  if (items.length > MAX_FINDINGS_PER_REQUEST) {
    throw invalid(`At most ${MAX_FINDINGS_PER_REQUEST} findings per request; send larger sets as an import`, [{ pointer: prefix || '/', message: `has ${items.length} items` }]);
  }
  const errors: ProblemDetail[] = [];
  const records: FindingRecord[] = [];
  items.forEach((item, index) => {
    const { record, problems } = validateFindingItem(item, `${prefix}/${index}`, now);
    if (record) records.push(record);
    else errors.push(...problems);
  });
  if (errors.length) {
    const first = errors[0];
    throw invalid(`${errors.length} problem${errors.length === 1 ? '' : 's'} in the findings; first at ${first.pointer}: ${first.message}`, errors.slice(0, 100));
  }
  return records;
}

/** Validates one finding object; the problems carry JSON pointers under `pointer`. */
export function validateFindingItem(item: unknown, pointer: string, now: Date): { record: FindingRecord | null; problems: ProblemDetail[] } {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    return { record: null, problems: [{ pointer, message: 'expected an object' }] };
  }
  // Most items are valid: they pass the DTO's own checks, called directly, without building and walking
  // class instances (a third of the API's time per finding). Anything else gets the full validator and its messages.
  const input = passesFindingInputChecks(item) ? (item as FindingInput) : plainToInstance(FindingInput, item);
  const problems = input === item ? [] : toProblemDetails(validateSync(input, { whitelist: true, forbidNonWhitelisted: true }), pointer);
  const detectedAt = input.detectedAt ? new Date(input.detectedAt) : now;
  const introducedAt = input.introducedAt ? new Date(input.introducedAt) : null;
  if (!problems.length && detectedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    problems.push({ pointer: `${pointer}/detectedAt`, message: 'is in the future' });
  }
  if (!problems.length && introducedAt && introducedAt.getTime() > detectedAt.getTime()) {
    problems.push({ pointer: `${pointer}/introducedAt`, message: 'is after detectedAt: a flaw cannot be found before it exists' });
  }
  return problems.length ? { record: null, problems } : { record: toRecord(input, detectedAt, introducedAt), problems };
}

function toRecord(input: FindingInput, detectedAt: Date, introducedAt: Date | null): FindingRecord {
  const cweIds = [...new Set(input.cweIds ?? [])].sort((a, b) => a - b);
  const tool = input.tool?.trim() || null;
  const ruleId = input.ruleId?.trim() || null;
  const repo = input.location?.repo ?? null;
  const path = input.location?.path ?? null;
  return withClassification({
    serviceName: input.service.trim(),
    fingerprint: input.fingerprint ?? computeFindingFingerprint({ tool, ruleId, repo, path, title: input.title, cweIds }),
    title: input.title.trim(),
    severity: input.severity,
    cweIds,
    ruleId,
    tool,
    sourceKind: input.sourceKind,
    repo,
    path,
    line: input.location?.line ?? null,
    introducedAt,
    introducedCommit: input.introducedCommit?.toLowerCase() ?? null,
    changeRef: input.changeRef?.trim() ?? null,
    status: input.status ?? null,
    stage: input.stage ?? DEFAULT_STAGE_OF_SOURCE[input.sourceKind],
    detectedAt,
    commitSha: input.commit ?? null,
  });
}
