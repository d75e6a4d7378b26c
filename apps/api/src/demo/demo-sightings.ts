import type { DemoFinding } from '@escapement/domain';
import { withClassification, type FindingRecord } from '../findings/finding-record';

/** A demo finding seen at several stages becomes one sighting per detection, as real uploads would send it. */
export function sightingsOf(finding: DemoFinding): FindingRecord[] {
  return finding.detections.map((detection) =>
    withClassification({
      serviceName: finding.service,
      fingerprint: finding.fingerprint,
      title: finding.title,
      severity: finding.severity,
      cweIds: finding.cweIds,
      ruleId: finding.ruleId,
      tool: detection.tool ?? finding.tool,
      sourceKind: detection.sourceKind,
      repo: finding.location.repo,
      path: finding.location.path,
      line: finding.location.line,
      introducedAt: finding.introducedAt === null ? null : new Date(finding.introducedAt),
      introducedCommit: finding.introducedCommit,
      status: finding.status,
      stage: detection.stage,
      detectedAt: new Date(detection.detectedAt),
      commitSha: null,
    }),
  );
}
