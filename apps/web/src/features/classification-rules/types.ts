import type { FindingClass } from '@escapement/domain';

/** A workspace rule: it classifies every stored and future finding it matches, before the built-in rules. */
export interface ClassificationRule {
  id: string;
  position: number;
  match: { ruleId: string | null; tool: string | null; cweId: number | null };
  findingClass: FindingClass;
  category: string | null;
  reason: string | null;
  createdAt: string;
}
