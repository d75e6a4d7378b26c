import type { SourceKind } from '../model/finding';
import type { PwnismsLayer } from '../model/pwnisms';
import type { FindingCategory } from './finding-classification';

/** What a built-in rule decides. Built-in rules never decide `unclassified`: that is the absence of a rule. */
export interface RuleVerdict {
  /** Stable id stored with each finding (`classRule`), so a rule's verdicts can be found and re-run. */
  id: string;
  findingClass: 'design' | 'pattern';
  category: FindingCategory;
  layer: PwnismsLayer | null;
  /** Why this evidence means this class; the reason reads "<evidence>: <class>-level — <why>". */
  why: string;
}

/**
 * Which CWE entries a rule covers, in the catalogue's own terms. An entry matches if any list names it;
 * the lists are tried in this order, and the first hit is the evidence the reason quotes.
 */
export interface CweSelector {
  /** Exactly these entries. */
  ids?: readonly number[];
  /** These entries and everything below them through ChildOf in view 1000. */
  under?: readonly number[];
  /** Members of these categories (membership is not inherited by children). */
  memberOf?: readonly number[];
}

export interface CweRule extends RuleVerdict {
  cwes: CweSelector;
}

/**
 * A rule over what a finding says besides its CWEs. Every condition given must hold, and at least one
 * is given; the patterns search the tool name and rule id as they were reported.
 */
export interface FindingRule extends RuleVerdict {
  tool?: RegExp;
  ruleId?: RegExp;
  sourceKinds?: readonly SourceKind[];
}
