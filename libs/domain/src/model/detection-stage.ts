/** Where in the lifecycle a finding was detected, earliest first. The order is the contract of escape maths. */
export const DETECTION_STAGES = ['design', 'code_review', 'ci', 'pre_release', 'production'] as const;
export type DetectionStage = (typeof DETECTION_STAGES)[number];

export function isDetectionStage(value: unknown): value is DetectionStage {
  return typeof value === 'string' && (DETECTION_STAGES as readonly string[]).includes(value);
}

export function stageRank(stage: DetectionStage): number {
  return DETECTION_STAGES.indexOf(stage);
}

/** A finding escaped when its first detection in time is at or after the boundary stage. */
export function isEscape(firstDetectedStage: DetectionStage, boundary: DetectionStage): boolean {
  return stageRank(firstDetectedStage) >= stageRank(boundary);
}

/**
 * The stage of a finding's first detection in time; detections at the same instant count at the earlier
 * stage. A later sighting at an earlier stage (found in production, then again in review) changes nothing.
 * `detectedAt` is a Date or an ISO-8601 timestamp in UTC (`Z`), which orders as text.
 */
export function firstDetectedStage(detections: readonly { stage: DetectionStage; detectedAt: string | Date }[]): DetectionStage {
  if (detections.length === 0) throw new RangeError('firstDetectedStage needs at least one detection');
  const time = (d: { detectedAt: string | Date }) => (typeof d.detectedAt === 'string' ? Date.parse(d.detectedAt) : d.detectedAt.getTime());
  return detections.reduce((a, b) => (time(b) < time(a) || (time(b) === time(a) && stageRank(b.stage) < stageRank(a.stage)) ? b : a)).stage;
}
