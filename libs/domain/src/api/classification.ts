import type { FindingClass } from '../model/finding';

/** What a workspace rule matches: every field given must match. */
export interface ClassificationRuleMatchDto {
  ruleId: string | null;
  tool: string | null;
  cweId: number | null;
}

/** A workspace rule: it classifies every stored and future finding it matches, before the built-in rules. */
export interface ClassificationRuleDto {
  id: string;
  position: number;
  match: ClassificationRuleMatchDto;
  findingClass: FindingClass;
  category: string | null;
  reason: string | null;
  createdAt: string;
}

/** Adding or removing a workspace rule reclassifies the stored findings at once: how many changed class. */
export interface ReclassifiedDto {
  reclassified: number;
}

/** `POST /api/v1/classification-rules`: the new rule and how many stored findings it reclassified. */
export interface ClassificationRuleCreatedDto extends ReclassifiedDto {
  rule: ClassificationRuleDto;
}
