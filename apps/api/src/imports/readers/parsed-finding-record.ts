import { DEFAULT_STAGE_OF_SOURCE, type ParsedFinding, type SourceKind } from '@escapement/domain';
import { withClassification, type FindingRecord } from '../../findings/finding-record';
import type { ReadContext } from './import-reader';

export type RecordProblem = { message: string };

/**
 * Applies an upload's defaults to a parsed finding. The finding's own values win over the upload's,
 * the upload's over the product's defaults (the source kind's usual stage, the time of receipt).
 */
export function recordFromParsed(
  parsed: ParsedFinding,
  context: ReadContext,
  fallbackSourceKind: SourceKind,
  scanner: boolean,
): { record: FindingRecord } | { problem: RecordProblem } {
  const serviceName = parsed.service ?? context.parameters.service ?? null;
  if (!serviceName) return { problem: { message: 'no service: name one with the `service` parameter (or a service column/field)' } };
  const sourceKind = parsed.sourceKind ?? fallbackSourceKind;
  const detectedAt = new Date(parsed.detectedAt ?? context.parameters.detectedAt ?? context.receivedAt.toISOString());
  const introducedAt = parsed.introducedAt ? new Date(parsed.introducedAt) : null;
  if (introducedAt && introducedAt > detectedAt) return { problem: { message: 'introducedAt is after the detection time: a flaw cannot be found before it exists' } };
  return {
    record: withClassification({
      serviceName,
      fingerprint: parsed.fingerprint,
      title: parsed.title,
      severity: parsed.severity,
      cweIds: parsed.cweIds,
      ruleId: parsed.ruleId,
      tool: parsed.tool,
      sourceKind,
      repo: parsed.location.repo ?? context.parameters.repo ?? null,
      path: parsed.location.path,
      line: parsed.location.line,
      introducedAt,
      introducedCommit: parsed.introducedCommit,
      status: parsed.status,
      scannerState: scanner && parsed.status === null ? (parsed.suppressed ? 'suppressed' : 'present') : undefined,
      stage: parsed.stage ?? context.parameters.stage ?? DEFAULT_STAGE_OF_SOURCE[sourceKind],
      detectedAt,
      commitSha: context.parameters.commit ?? null,
      changeRef: context.parameters.change?.trim() ?? null,
    }),
  };
}
