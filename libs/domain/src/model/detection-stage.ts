/** Where in the lifecycle a finding was detected, earliest first. The order is the contract of escape maths. */
export const DETECTION_STAGES = ['design', 'code_review', 'ci', 'pre_release', 'production'] as const;
export type DetectionStage = (typeof DETECTION_STAGES)[number];

export function isDetectionStage(value: unknown): value is DetectionStage {
  return typeof value === 'string' && (DETECTION_STAGES as readonly string[]).includes(value);
}

export function stageRank(stage: DetectionStage): number {
  return DETECTION_STAGES.indexOf(stage);
}

/** A finding escaped when its earliest detection is at or after the boundary stage. */
export function isEscape(earliestStage: DetectionStage, boundary: DetectionStage): boolean {
  return stageRank(earliestStage) >= stageRank(boundary);
}

export function earliestStage(stages: readonly DetectionStage[]): DetectionStage {
  if (stages.length === 0) throw new RangeError('earliestStage needs at least one stage');
  return stages.reduce((a, b) => (stageRank(b) < stageRank(a) ? b : a));
}
