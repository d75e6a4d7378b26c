import type { DetectionStage, SourceKind } from '@escapement/domain';
import { stageRank } from '@escapement/domain';
import type { FindingRecord } from './finding-record';

export interface DetectionRecord {
  key: string;
  stage: DetectionStage;
  detectedAt: Date;
  sourceKind: SourceKind;
  tool: string | null;
  commitSha: string | null;
}

export interface FindingBatch {
  /** One record per service + fingerprint, in first-seen order. */
  findings: FindingRecord[];
  /** One detection per finding and stage: the earliest sighting at that stage. */
  detections: DetectionRecord[];
}

export const findingKey = (serviceName: string, fingerprint: string) => `${serviceName}\u0000${fingerprint}`;

/**
 * Sightings that share a service and fingerprint inside one upload are one finding: keep the first
 * sighting's description, the earliest introduction (and its commit), the stage and time of the first sighting, and the
 * earliest sighting of each stage.
 */
export function mergeSightings(records: readonly FindingRecord[]): FindingBatch {
  const findings = new Map<string, FindingRecord>();
  const detections = new Map<string, DetectionRecord>();
  for (const record of records) {
    const key = findingKey(record.serviceName, record.fingerprint);
    const known = findings.get(key);
    if (!known) {
      findings.set(key, { ...record });
    } else {
      if (record.introducedAt && (!known.introducedAt || record.introducedAt < known.introducedAt)) {
        known.introducedAt = record.introducedAt;
        known.introducedCommit = record.introducedCommit;
      } else if (record.introducedAt?.getTime() === known.introducedAt?.getTime()) {
        known.introducedCommit ??= record.introducedCommit;
      }
      // The finding's stage is that of its first sighting in time (ties: the earlier stage).
      const sooner = record.detectedAt.getTime() - known.detectedAt.getTime();
      if (sooner < 0 || (sooner === 0 && stageRank(record.stage) < stageRank(known.stage))) {
        known.stage = record.stage;
        known.detectedAt = record.detectedAt;
      }
    }
    const detectionKey = `${key}\u0000${record.stage}`;
    const detection = detections.get(detectionKey);
    if (!detection || record.detectedAt < detection.detectedAt) {
      detections.set(detectionKey, { key, stage: record.stage, detectedAt: record.detectedAt, sourceKind: record.sourceKind, tool: record.tool, commitSha: record.commitSha });
    }
  }
  return { findings: [...findings.values()], detections: [...detections.values()] };
}
