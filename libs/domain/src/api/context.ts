import type { DetectionStage } from '../model/detection-stage';
import type { FindingClass, Severity } from '../model/finding';
import type { PwnismsLayer, StrideCategory } from '../model/pwnisms';
import type { MitigationStatus, ThreatStatus } from '../threat-models/threat-model';

/** Where a pack, criteria list or checklist was asked for: the API itself, the CLI, or an MCP client. */
export const CONTEXT_CHANNELS = ['http', 'cli', 'mcp'] as const;
export type ContextChannel = (typeof CONTEXT_CHANNELS)[number];

/** What was served: a context pack, acceptance criteria, a review checklist, a recorded review, or a whole model (MCP resource). */
export const CONTEXT_KINDS = ['pack', 'criteria', 'checklist', 'review', 'model'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

export const CONTEXT_FORMATS = ['markdown', 'json'] as const;
export type ContextFormat = (typeof CONTEXT_FORMATS)[number];

/** What a reviewer concluded when checking a change against the threat model. */
export const REVIEW_OUTCOMES = ['approved', 'changes_requested', 'commented'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** The layer a threat is grouped under when neither it nor its component names one. */
export const UNASSIGNED_LAYER = 'unassigned';
export type ContextLayer = PwnismsLayer | typeof UNASSIGNED_LAYER;

export interface ContextModelRef {
  id: string;
  name: string;
  version: number;
  effectiveFrom: string;
}

export interface ContextComponentDto {
  key: string;
  name: string;
  type: string | null;
  layer: PwnismsLayer | null;
  trustZone: string | null;
  description: string | null;
  /** The requested paths this component's match rules cover (empty when chosen by name or for the whole model). */
  paths: string[];
}

export interface ContextBoundaryDto {
  key: string;
  name: string;
  fromZone: string | null;
  toZone: string | null;
  /** The selected components that cross it. */
  crossedBy: string[];
}

/** A component reached across a trust boundary the selection crosses: the data and systems it touches. */
export interface ContextAssetDto {
  key: string;
  name: string;
  type: string | null;
  trustZone: string | null;
}

export interface ContextMitigationDto {
  key: string;
  title: string;
  status: MitigationStatus | null;
}

export interface ContextThreatDto {
  key: string;
  title: string;
  description: string | null;
  layer: ContextLayer;
  stride: StrideCategory | null;
  severity: Severity | null;
  status: ThreatStatus;
  cweIds: number[];
  /** Selected components it applies to; empty for a threat to the whole system. */
  components: string[];
  mitigations: ContextMitigationDto[];
  /** Escaped findings linked to this threat among the pack's past escapes. */
  escapes: number;
  /** The ranking score (higher first); see docs/context.md. */
  importance: number;
}

/** One security acceptance criterion, traceable to the threat (and its CWE ids) it comes from. */
export interface AcceptanceCriterionDto {
  id: string;
  text: string;
  threatKey: string;
  threatTitle: string;
  cweIds: number[];
  layer: ContextLayer;
  components: string[];
  /** The mitigation it was derived from; null when derived from the threat itself. */
  mitigationKey: string | null;
}

/** A finding of a selected component that escaped past the boundary stage: what went wrong here before. */
export interface PastEscapeDto {
  findingId: string;
  title: string;
  severity: Severity;
  cweIds: number[];
  stage: DetectionStage;
  detectedAt: string;
  path: string | null;
  findingClass: FindingClass;
  component: string;
  threatKey: string | null;
}

export interface ContextLayerGroupDto {
  layer: ContextLayer;
  threats: ContextThreatDto[];
}

/** What a size budget left out, said at the end of the pack. */
export interface ContextBudgetDto {
  maxChars: number;
  /** Set when the budget was given in tokens (estimated as characters / 4). */
  maxTokens: number | null;
  usedChars: number;
  truncated: boolean;
  cut: { threats: string[]; criteria: number; escapes: number; boundaries: number; assets: number };
}

export interface ContextPackDto {
  service: string;
  model: ContextModelRef;
  changeRef: string | null;
  /** Requested paths no component of the model covers (where the model may have a gap). */
  unmatchedPaths: string[];
  components: ContextComponentDto[];
  boundaries: ContextBoundaryDto[];
  assets: ContextAssetDto[];
  /** Threats grouped by PWNISMS layer, the group with the most important threat first. */
  layers: ContextLayerGroupDto[];
  criteria: AcceptanceCriterionDto[];
  escapes: PastEscapeDto[];
  /** Escaped findings of the selected components in all, before the budget. */
  escapeCount: number;
  budget: ContextBudgetDto;
}

export interface AcceptanceCriteriaDto {
  service: string;
  model: ContextModelRef;
  changeRef: string | null;
  components: ContextComponentDto[];
  unmatchedPaths: string[];
  criteria: AcceptanceCriterionDto[];
  budget: ContextBudgetDto;
}

export interface ReviewChecklistItemDto {
  id: string;
  /** What the reviewer checks in the diff. */
  text: string;
  threatKey: string;
  cweIds: number[];
  layer: ContextLayer;
  /** The changed files that fall under the threat's components. */
  paths: string[];
  /** Escaped findings of this threat before: a reason to look harder. */
  pastEscapes: number;
}

export interface ReviewChecklistDto {
  service: string;
  model: ContextModelRef;
  changeRef: string | null;
  changedPaths: string[];
  components: ContextComponentDto[];
  unmatchedPaths: string[];
  items: ReviewChecklistItemDto[];
  escapes: PastEscapeDto[];
  budget: ContextBudgetDto;
}

/** Answer of recording a review of a change against the threat model. */
export interface ContextReviewDto {
  id: string;
  service: string;
  changeRef: string;
  outcome: ReviewOutcome;
  servedAt: string;
}

/** One recorded serving, as the usage endpoints list it. */
export interface ContextServingDto {
  id: string;
  servedAt: string;
  actor: string;
  tokenId: string | null;
  channel: ContextChannel;
  kind: ContextKind;
  tool: string | null;
  service: string;
  components: string[];
  threats: string[];
  changeRef: string | null;
  outcome: ReviewOutcome | null;
}

/** Per component of a model: how often its context was fetched, against how often it escaped. */
export interface ComponentContextUsageDto {
  key: string;
  name: string;
  layer: PwnismsLayer | null;
  /** Servings (packs, criteria, checklists, reviews) that included the component. */
  fetched: number;
  lastFetchedAt: string | null;
  /** Escaped findings linked to the component (first detected at or after the boundary). */
  escapes: number;
}

export interface ContextUsageDto {
  service: string;
  threatModelId: string;
  boundary: DetectionStage;
  components: ComponentContextUsageDto[];
}

/** A threat model an MCP client may read, as the resource list shows it. */
export interface ContextModelSummaryDto {
  service: string;
  model: ContextModelRef;
  components: number;
  threats: number;
}
