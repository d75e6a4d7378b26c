import type { DetectionStage } from '@escapement/domain';

/** How detection stages read in the interface; the ids stay the API's. */
export const STAGE_LABELS: Record<DetectionStage, string> = {
  design: 'Design',
  code_review: 'Code review',
  ci: 'CI',
  pre_release: 'Pre-release',
  production: 'Production',
};
