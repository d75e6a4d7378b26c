import { DETECTION_STAGES, type DetectionStage, type FindingDetectionDto, firstDetectedStage, isEscape } from '@escapement/domain';

/** One stage of the lifecycle with what was detected there. */
export interface TimelineStage {
  stage: DetectionStage;
  /** Oldest first. */
  detections: FindingDetectionDto[];
  /** At or after the escape boundary: a detection here means the finding got through. */
  pastBoundary: boolean;
  /** The stage of the finding's first detection in time, which decides whether it escaped. */
  earliest: boolean;
}

/**
 * The five stages in order, each with its detections, so the timeline shows both where the finding
 * was caught and the stages it slipped through before that.
 */
export function detectionTimeline(detections: readonly FindingDetectionDto[], boundary: DetectionStage): TimelineStage[] {
  const earliest = detections.length ? firstDetectedStage(detections) : null;
  return DETECTION_STAGES.map((stage) => ({
    stage,
    detections: detections.filter((detection) => detection.stage === stage).sort((a, b) => a.detectedAt.localeCompare(b.detectedAt)),
    pastBoundary: isEscape(stage, boundary),
    earliest: stage === earliest,
  }));
}
