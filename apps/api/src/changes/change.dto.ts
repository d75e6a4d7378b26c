import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHANGE_LINK_SOURCES,
  COMMIT_ID_PATTERN,
  CONTEXT_FLAG_SOURCES,
  CONTEXT_FLAGS,
  DETECTION_STAGES,
  FINDING_CLASSES,
  SEVERITIES,
  type ChangeContextClass,
  type ChangeContextComparisonDto,
  type ChangeContextFlagKey,
  type ChangeContextMetricDto,
  type ChangeCoveragePointDto,
  type ChangeDetailDto,
  type ChangeDto,
  type ChangeFindingDto,
  type ChangeGroupSummaryDto,
  type ChangeLinkSource,
  type ChangeRecordedDto,
  type ChangesBulkResultDto,
  type ContextFlag,
  type ContextFlagSource,
  type ContextFlags,
  type ContextFlagValue,
  type DetectionStage,
  type FindingChangeDto,
  type FindingClass,
  type Page,
  type Severity,
} from '@escapement/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';

const COMMIT_MESSAGE = { message: '$property must be a commit id: 4 to 64 hexadecimal digits' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A change as CI (or a ticket-system export) posts it. Unknown flags are left out or null. */
export class ChangeInput {
  @ApiProperty({ example: 'payments-api', description: 'Service name; created when first named, as uploads do' })
  @IsString() @Length(1, 200) @Matches(/\S/, { message: 'service must not be blank' })
  service!: string;

  @ApiProperty({ example: '!412', description: 'PR/MR number or change id, unique within the service' })
  @IsString() @Length(1, 200) @Matches(/\S/, { message: 'ref must not be blank' })
  ref!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 1000) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) author?: string;
  @ApiPropertyOptional({ example: 'PAY-1234' }) @IsOptional() @IsString() @Length(1, 500) ticket?: string;

  @ApiPropertyOptional({ type: [String], description: 'Commit ids of the change (hexadecimal, as git prints them)' })
  @IsOptional() @IsArray() @ArrayMaxSize(10_000) @IsString({ each: true }) @Matches(COMMIT_ID_PATTERN, { each: true, ...COMMIT_MESSAGE })
  commits?: string[];

  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(COMMIT_ID_PATTERN, COMMIT_MESSAGE) baseCommit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(COMMIT_ID_PATTERN, COMMIT_MESSAGE) mergeCommit?: string;
  @ApiPropertyOptional({ example: '2026-05-01T09:00:00Z' }) @IsOptional() @IsISO8601({ strict: true }) openedAt?: string;
  @ApiPropertyOptional({ example: '2026-05-02T16:30:00Z' }) @IsOptional() @IsISO8601({ strict: true }) mergedAt?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsBoolean() aiAssisted?: boolean | null;

  @ApiPropertyOptional({ nullable: true, description: 'The ticket links the threat-model artifact' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsBoolean() threatModelLinked?: boolean | null;
  @ApiPropertyOptional({ nullable: true, description: 'The ticket or spec carries security acceptance criteria' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsBoolean() acceptanceCriteria?: boolean | null;
  @ApiPropertyOptional({ nullable: true, description: 'The AI prompt included threat context' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsBoolean() promptContext?: boolean | null;
  @ApiPropertyOptional({ nullable: true, description: 'The reviewer checked the diff against the threat model' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsBoolean() reviewedAgainstModel?: boolean | null;
}

/** A validated change, ready to store. */
export interface ChangeRecord {
  serviceName: string;
  ref: string;
  title: string | null;
  author: string | null;
  ticket: string | null;
  commits: string[];
  baseCommit: string | null;
  mergeCommit: string | null;
  openedAt: Date | null;
  mergedAt: Date | null;
  aiAssisted: boolean | null;
  flags: Record<ContextFlag, boolean | null>;
  source: ContextFlagSource;
}

export class ListChangesQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() team?: string;
  @ApiPropertyOptional({ description: 'Service name' }) @IsOptional() @IsString() @Length(1, 200) service?: string;
  @ApiPropertyOptional({ enum: ['with', 'without'], description: 'with: all four flags true; without: any not true' }) @IsOptional() @IsIn(['with', 'without']) context?: 'with' | 'without';
  @ApiPropertyOptional({ description: 'Text in the ref or title' }) @IsOptional() @IsString() @Length(1, 200) q?: string;
  @ApiPropertyOptional({ description: 'Dated (merged, else opened, else recorded) on or after' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'Dated before' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' }) @IsOptional() @IsString() @Length(1, 2000) cursor?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class ChangeIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class FindingChangeLinkRequest {
  @ApiProperty({ nullable: true, type: String, description: 'The change the finding came from; null removes the link made by hand' })
  @ValidateIf((_, v) => v !== null) @IsUUID()
  changeId!: string | null;
}

export class ChangeContextQuery {
  @ApiPropertyOptional({ enum: DETECTION_STAGES, default: 'ci' }) @IsOptional() @IsIn(DETECTION_STAGES) boundary: DetectionStage = 'ci';
  @ApiPropertyOptional({ default: 180, description: 'Follow-up horizon: a finding counts when first detected within this many days of its introduction' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3650)
  horizonDays: number = 180;
  @ApiPropertyOptional() @IsOptional() @IsUUID() team?: string;
  @ApiPropertyOptional({ description: 'Service name' }) @IsOptional() @IsString() @Length(1, 200) service?: string;
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Changes dated on or after (YYYY-MM-DD)' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;
  @ApiPropertyOptional({ example: '2026-07-01', description: 'Changes dated before (YYYY-MM-DD)' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;
}

/** A row of the changes query, as PostgreSQL returns it. */
export interface ChangeRow {
  id: string;
  service_id: string;
  service_name: string;
  team_id: string | null;
  team_name: string | null;
  ref: string;
  title: string | null;
  author: string | null;
  ticket: string | null;
  commits: string[];
  base_commit: string | null;
  merge_commit: string | null;
  opened_at: Date | null;
  merged_at: Date | null;
  dated_at: Date;
  ai_assisted: boolean | null;
  threat_model_linked: boolean | null;
  threat_model_linked_source: ContextFlagSource | null;
  acceptance_criteria: boolean | null;
  acceptance_criteria_source: ContextFlagSource | null;
  prompt_context: boolean | null;
  prompt_context_source: ContextFlagSource | null;
  reviewed_against_model: boolean | null;
  reviewed_against_model_source: ContextFlagSource | null;
  served_pack: boolean;
  served_criteria: boolean;
  served_review: boolean;
  findings: number;
  recorded_by: string;
  recorded_at: Date;
  updated_at: Date;
  cursor_value: string;
}

/**
 * A change as the metric reads it: what its flags, team and date need, without its commits (about 800 per
 * change in the demo organisation: reading them was most of the metric's time) nor its count of findings,
 * which the metric tallies itself.
 */
export type MetricChangeRow = Pick<
  ChangeRow,
  | 'id'
  | 'ref'
  | 'service_id'
  | 'team_id'
  | 'team_name'
  | 'dated_at'
  | 'threat_model_linked'
  | 'threat_model_linked_source'
  | 'acceptance_criteria'
  | 'acceptance_criteria_source'
  | 'prompt_context'
  | 'prompt_context_source'
  | 'reviewed_against_model'
  | 'reviewed_against_model_source'
  | 'served_pack'
  | 'served_criteria'
  | 'served_review'
>;

export const FLAG_COLUMNS: Record<ContextFlag, { value: keyof MetricChangeRow; source: keyof MetricChangeRow }> = {
  threatModelLinked: { value: 'threat_model_linked', source: 'threat_model_linked_source' },
  acceptanceCriteria: { value: 'acceptance_criteria', source: 'acceptance_criteria_source' },
  promptContext: { value: 'prompt_context', source: 'prompt_context_source' },
  reviewedAgainstModel: { value: 'reviewed_against_model', source: 'reviewed_against_model_source' },
};

export { CONTEXT_FLAGS };
export type { ChangeDto };

export class ContextFlagValueResponse implements ContextFlagValue {
  @ApiProperty({ nullable: true, type: Boolean, description: 'null: unknown' }) value!: boolean | null;
  @ApiProperty({ nullable: true, enum: CONTEXT_FLAG_SOURCES, description: 'null when unknown' }) source!: ContextFlagSource | null;
}

export class ContextFlagsResponse implements ContextFlags {
  @ApiProperty({ type: ContextFlagValueResponse, description: 'The threat model is linked to the ticket' }) threatModelLinked!: ContextFlagValueResponse;
  @ApiProperty({ type: ContextFlagValueResponse, description: 'The ticket has security acceptance criteria' }) acceptanceCriteria!: ContextFlagValueResponse;
  @ApiProperty({ type: ContextFlagValueResponse, description: 'Threat context was in the AI prompt' }) promptContext!: ContextFlagValueResponse;
  @ApiProperty({ type: ContextFlagValueResponse, description: 'The review checked the diff against the model' }) reviewedAgainstModel!: ContextFlagValueResponse;
}

export class ChangeResponse implements ChangeDto {
  @ApiProperty() id!: string;
  @ApiProperty() serviceId!: string;
  @ApiProperty() serviceName!: string;
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({ nullable: true, type: String }) teamName!: string | null;
  @ApiProperty() ref!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ nullable: true, type: String }) author!: string | null;
  @ApiProperty({ nullable: true, type: String }) ticket!: string | null;
  @ApiProperty({ type: [String] }) commits!: string[];
  @ApiProperty({ nullable: true, type: String }) baseCommit!: string | null;
  @ApiProperty({ nullable: true, type: String }) mergeCommit!: string | null;
  @ApiProperty({ nullable: true, type: String }) openedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) mergedAt!: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) aiAssisted!: boolean | null;
  @ApiProperty({ type: ContextFlagsResponse }) flags!: ContextFlagsResponse;
  @ApiProperty({ description: 'All four flags are true' }) withContext!: boolean;
  @ApiProperty({ description: 'Findings linked to the change' }) findings!: number;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class ChangePageResponse implements Page<ChangeDto> {
  @ApiProperty({ type: [ChangeResponse] }) items!: ChangeResponse[];
  @ApiProperty({ nullable: true, type: String, description: 'Cursor of the next page; null on the last one' }) nextCursor!: string | null;
}

export class ChangeFindingResponse implements ChangeFindingDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: Severity;
  @ApiProperty({ enum: FINDING_CLASSES }) findingClass!: FindingClass;
  @ApiProperty({ enum: DETECTION_STAGES }) firstDetectedStage!: DetectionStage;
  @ApiProperty() firstDetectedAt!: string;
  @ApiProperty({ nullable: true, type: String }) introducedCommit!: string | null;
  @ApiProperty({ enum: CHANGE_LINK_SOURCES }) linkedBy!: ChangeLinkSource;
}

export class ChangeDetailResponse extends ChangeResponse implements ChangeDetailDto {
  @ApiProperty({ type: [ChangeFindingResponse] }) findingsLinked!: ChangeFindingResponse[];
}

export class FindingChangeResponse implements FindingChangeDto {
  @ApiProperty() id!: string;
  @ApiProperty() ref!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty({ nullable: true, type: String }) mergedAt!: string | null;
  @ApiProperty({ type: ContextFlagsResponse }) flags!: ContextFlagsResponse;
  @ApiProperty({ enum: CHANGE_LINK_SOURCES }) linkedBy!: ChangeLinkSource;
}

export class FindingChangeAnswer {
  @ApiProperty({ nullable: true, type: FindingChangeResponse, description: 'null when the finding is tied to no change' }) change!: FindingChangeResponse | null;
}

export class ChangeRecordedResponse implements ChangeRecordedDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'false when the change was recorded before and is now updated' }) created!: boolean;
}

export class ChangesBulkResultResponse implements ChangesBulkResultDto {
  @ApiProperty() received!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
}

export class ChangeGroupSummaryResponse implements ChangeGroupSummaryDto {
  @ApiProperty() changes!: number;
  @ApiProperty({ description: 'Of the changes, those whose flag was unknown (counted as without)' }) unknown!: number;
  @ApiProperty() findings!: number;
  @ApiProperty() escaped!: number;
  @ApiProperty({ nullable: true, type: Number }) rate!: number | null;
  @ApiProperty({ nullable: true, type: Number }) ciLow!: number | null;
  @ApiProperty({ nullable: true, type: Number }) ciHigh!: number | null;
  @ApiProperty({ nullable: true, type: Number }) findingsPer100Changes!: number | null;
  @ApiProperty({ nullable: true, type: Number }) escapesPer100Changes!: number | null;
}

export class RateDifferenceResponse {
  @ApiProperty() estimate!: number;
  @ApiProperty() low!: number;
  @ApiProperty() high!: number;
}

export class StratifiedComparisonResponse {
  @ApiProperty() strata!: number;
  @ApiProperty() informativeStrata!: number;
  @ApiProperty({ nullable: true, type: Number }) oddsRatio!: number | null;
  @ApiProperty({ nullable: true, type: Number }) low!: number | null;
  @ApiProperty({ nullable: true, type: Number }) high!: number | null;
  @ApiProperty({ nullable: true, type: Number }) chiSquared!: number | null;
  @ApiProperty({ nullable: true, type: Number }) pValue!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Permutation test shuffling whole changes within strata' }) clusterPValue!: number | null;
}

export class ChangeContextComparisonResponse implements ChangeContextComparisonDto {
  @ApiProperty({ enum: [...CONTEXT_FLAGS, 'all'] }) flag!: ChangeContextFlagKey;
  @ApiProperty({ enum: ['design', 'pattern', 'all'] }) findingClass!: ChangeContextClass;
  @ApiProperty({ type: ChangeGroupSummaryResponse }) with!: ChangeGroupSummaryResponse;
  @ApiProperty({ type: ChangeGroupSummaryResponse }) without!: ChangeGroupSummaryResponse;
  @ApiProperty({ nullable: true, type: RateDifferenceResponse, description: 'with − without (Newcombe); null when a side has no findings' }) difference!: RateDifferenceResponse | null;
  @ApiProperty({ type: StratifiedComparisonResponse, description: 'Mantel–Haenszel odds ratio of escape within team × quarter strata' }) stratified!: StratifiedComparisonResponse;
}

export class ChangeCoveragePointResponse implements ChangeCoveragePointDto {
  @ApiProperty({ description: 'Month start, YYYY-MM-DD' }) period!: string;
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({ nullable: true, type: String }) teamName!: string | null;
  @ApiProperty() changes!: number;
  @ApiProperty() threatModelLinked!: number;
  @ApiProperty() acceptanceCriteria!: number;
  @ApiProperty() promptContext!: number;
  @ApiProperty() reviewedAgainstModel!: number;
  @ApiProperty({ description: 'Changes with all four flags true' }) all!: number;
}

export class ChangeMetricAdoptionResponse {
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({ nullable: true, type: String }) teamName!: string | null;
  @ApiProperty({ nullable: true, type: String }) serviceName!: string | null;
  @ApiProperty() startedAt!: string;
}

export class EscapedWithoutContextResponse {
  @ApiProperty() findingId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() changeId!: string;
  @ApiProperty() changeRef!: string;
  @ApiProperty() serviceName!: string;
  @ApiProperty({ enum: DETECTION_STAGES }) stage!: DetectionStage;
  @ApiProperty() detectedAt!: string;
}

export class ChangeContextMetricResponse implements ChangeContextMetricDto {
  @ApiProperty({ enum: DETECTION_STAGES }) boundary!: DetectionStage;
  @ApiProperty() horizonDays!: number;
  @ApiProperty({ nullable: true, type: String }) from!: string | null;
  @ApiProperty({ nullable: true, type: String }) to!: string | null;
  @ApiProperty() changes!: number;
  @ApiProperty({ description: 'Changes younger than the horizon, left out of the comparisons' }) immatureChanges!: number;
  @ApiProperty() linkedFindings!: number;
  @ApiProperty() countedFindings!: number;
  @ApiProperty({ type: [ChangeContextComparisonResponse] }) comparisons!: ChangeContextComparisonResponse[];
  @ApiProperty({ type: [ChangeCoveragePointResponse] }) coverage!: ChangeCoveragePointResponse[];
  @ApiProperty({ type: [ChangeMetricAdoptionResponse] }) adoptions!: ChangeMetricAdoptionResponse[];
  @ApiProperty({ type: [EscapedWithoutContextResponse], description: 'Escaped design-level findings whose change carried no threat-model context, newest first' })
  escapedWithoutContext!: EscapedWithoutContextResponse[];
}
