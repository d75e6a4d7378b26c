import type { FindingClass, SourceKind } from '../model/finding';
import type { PwnismsLayer } from '../model/pwnisms';

/**
 * What kind of weakness a finding is, finer than its class. Charts group by it and the classifier's
 * reasons name it; a category does not decide the class on its own (a CSRF and a session-fixation flaw
 * are both `session`, yet one is pattern- and the other design-level).
 */
export const FINDING_CATEGORIES = [
  'authorization',
  'authentication',
  'session',
  'business-logic',
  'trust-boundary',
  'logging',
  'injection',
  'xss',
  'file-handling',
  'memory-safety',
  'secrets',
  'crypto',
  'supply-chain',
  'configuration',
  'information-exposure',
  'denial-of-service',
  'concurrency',
  'code-quality',
  'other',
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

/** The facts of a finding the classifier looks at; everything else about a finding is irrelevant to it. */
export interface ClassificationInput {
  cweIds: readonly number[];
  ruleId?: string | null;
  tool?: string | null;
  sourceKind: SourceKind;
}

/**
 * The class with the rule that decided it and a sentence a security lead can check. `layer` is the
 * PWNISMS layer a threat model would file the weakness under, null when nothing says which.
 */
export interface FindingClassification {
  findingClass: FindingClass;
  category: FindingCategory;
  layer: PwnismsLayer | null;
  rule: string;
  reason: string;
}
