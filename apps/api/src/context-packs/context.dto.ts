import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONTEXT_CHANNELS,
  CONTEXT_FORMATS,
  CONTEXT_KINDS,
  DETECTION_STAGES,
  MAX_CHANGED_PATHS,
  PWNISMS_LAYERS,
  REVIEW_OUTCOMES,
  SEVERITIES,
  type AcceptanceCriteriaDto,
  type AcceptanceCriterionDto,
  type ComponentContextUsageDto,
  type ContextAssetDto,
  type ContextBoundaryDto,
  type ContextBudgetDto,
  type ContextChannel,
  type ContextComponentDto,
  type ContextFormat,
  type ContextLayerGroupDto,
  type ContextModelRef,
  type ContextModelSummaryDto,
  type ContextPackDto,
  type ContextReviewDto,
  type ContextServingDto,
  type ContextThreatDto,
  type ContextUsageDto,
  type DetectionStage,
  type PastEscapeDto,
  type ReviewChecklistDto,
  type ReviewChecklistItemDto,
  type ReviewOutcome,
} from '@escapement/domain';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import type { Request } from 'express';
import { invalid } from '../common/domain-error';
import type { ContextAsk } from './context.service';

/** A repeated query parameter arrives as an array, a single one as a string. */
const asList = ({ value }: { value: unknown }) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const LAYERS = [...PWNISMS_LAYERS, 'unassigned'];
/** Change refs are PR/MR numbers, branch names, commit SHAs or URLs: printable, one line. */
const CHANGE_REF = /^[^\s\u0000-\u001f\u007f]+$/;

/** The header the CLI and the stdio MCP server send, so servings say where they were asked from. */
export const CHANNEL_HEADER = 'X-Escapement-Channel';

/** With the MCP channel: the tool or resource the stdio MCP server is answering. */
export const TOOL_HEADER = 'X-Escapement-Tool';

export interface ServingOrigin {
  channel: ContextChannel;
  tool: string | null;
}

/** Where a request says it comes from; a bad header is a 400 that names it. */
export const Origin = createParamDecorator((_data: unknown, context: ExecutionContext): ServingOrigin => {
  const request = context.switchToHttp().getRequest<Request>();
  const channel = request.header(CHANNEL_HEADER) ?? 'http';
  if (!(CONTEXT_CHANNELS as readonly string[]).includes(channel)) {
    throw invalid(`The ${CHANNEL_HEADER} header must be one of ${CONTEXT_CHANNELS.join(', ')}`, [{ parameter: CHANNEL_HEADER, message: `"${channel.slice(0, 40)}" is not a channel` }]);
  }
  const tool = request.header(TOOL_HEADER) ?? null;
  if (tool !== null && (channel !== 'mcp' || !/^[a-z][a-z0-9_:-]{0,99}$/.test(tool))) {
    throw invalid(`The ${TOOL_HEADER} header names an MCP tool (lower-case letters, digits, _ : -) and comes with ${CHANNEL_HEADER}: mcp`, [{ parameter: TOOL_HEADER, message: 'not an MCP tool name' }]);
  }
  return { channel: channel as ContextChannel, tool };
});

class ContextLimits {
  @ApiPropertyOptional({ enum: CONTEXT_FORMATS, default: 'markdown', description: 'Markdown for prompts and tickets, JSON for tools' })
  @IsOptional() @IsIn(CONTEXT_FORMATS)
  format: ContextFormat = 'markdown';

  @ApiPropertyOptional({ minimum: 200, maximum: 1_000_000, description: 'Size budget in characters (default 16000); what is cut is said at the end' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(200) @Max(1_000_000)
  maxChars?: number;

  @ApiPropertyOptional({ minimum: 50, maximum: 250_000, description: 'Size budget in tokens, estimated as 4 characters each' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(50) @Max(250_000)
  maxTokens?: number;

  @ApiPropertyOptional({ example: 'PR-1234', description: 'The change (PR/MR, branch or commit) this is for; recorded with the serving' })
  @IsOptional() @IsString() @Length(1, 200) @Matches(CHANGE_REF, { message: 'change must be one line without spaces' })
  change?: string;

  @ApiPropertyOptional({ example: 'acme/payments-api', description: 'When given, components tied to other repositories do not match' })
  @IsOptional() @IsString() @Length(1, 300)
  repo?: string;

  @ApiPropertyOptional({ enum: DETECTION_STAGES, default: 'ci', description: 'A finding first detected at or after this stage escaped' })
  @IsOptional() @IsIn(DETECTION_STAGES)
  boundary: DetectionStage = 'ci';
}

/** `GET /context-packs` and `GET /acceptance-criteria`. */
export class ContextQuery extends ContextLimits {
  @ApiPropertyOptional({ example: 'payments-api', description: 'Required unless repo is given: the service is then the one whose repository rules name it' })
  @IsOptional() @IsString() @Length(1, 200) @Matches(/\S/, { message: 'service must not be blank' })
  service?: string;

  @ApiPropertyOptional({ type: [String], example: ['src/refund/refund.controller.ts'], description: 'Repeat for several files; matched by the components\' path rules' })
  @Transform(asList) @IsArray() @ArrayMaxSize(MAX_CHANGED_PATHS) @IsString({ each: true }) @Length(1, 1000, { each: true })
  path: string[] = [];

  @ApiPropertyOptional({ type: [String], description: 'Component key or name; repeat for several. With neither paths nor components: the whole model' })
  @Transform(asList) @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @Length(1, 200, { each: true })
  component: string[] = [];
}

export function askOf(query: ContextQuery): ContextAsk {
  return {
    service: query.service ?? null,
    paths: query.path,
    components: query.component,
    repo: query.repo ?? null,
    change: query.change ?? null,
    format: query.format,
    maxChars: query.maxChars ?? null,
    maxTokens: query.maxTokens ?? null,
    boundary: query.boundary,
  };
}

/** `POST /review-checklists`: the changed paths, or a unified diff. */
export class ReviewChecklistRequest extends ContextLimits {
  @ApiPropertyOptional({ example: 'payments-api', description: 'Required unless repo is given' })
  @IsOptional() @IsString() @Length(1, 200) @Matches(/\S/, { message: 'service must not be blank' })
  service?: string;

  @ApiPropertyOptional({ type: [String], example: ['src/refund/refund.controller.ts'] })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CHANGED_PATHS) @IsString({ each: true }) @Length(1, 1000, { each: true })
  paths?: string[];

  @ApiPropertyOptional({ description: 'A unified diff (git diff, diff -u); its changed files are used instead of paths' })
  @IsOptional() @IsString() @MaxLength(20_000_000)
  diff?: string;
}

/** `POST /context-reviews`: a change was reviewed against the threat model. */
export class ContextReviewRequest {
  @ApiPropertyOptional({ example: 'payments-api', description: 'Required unless repo is given' })
  @IsOptional() @IsString() @Length(1, 200) @Matches(/\S/, { message: 'service must not be blank' })
  service?: string;

  @ApiPropertyOptional({ example: 'git@github.com:acme/payments-api.git', description: 'Finds the service when it is not named' })
  @IsOptional() @IsString() @Length(1, 300)
  repo?: string;

  @ApiProperty({ example: 'PR-1234' })
  @IsString() @Length(1, 200) @Matches(CHANGE_REF, { message: 'change must be one line without spaces' })
  change!: string;

  @ApiProperty({ enum: REVIEW_OUTCOMES })
  @IsIn(REVIEW_OUTCOMES)
  outcome!: ReviewOutcome;

  @ApiPropertyOptional({ type: [String], description: 'The changed files reviewed, to record the components' })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_CHANGED_PATHS) @IsString({ each: true }) @Length(1, 1000, { each: true })
  paths?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Component keys or names reviewed' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @Length(1, 200, { each: true })
  components?: string[];
}

export class ServiceQuery {
  @ApiProperty({ example: 'payments-api' })
  @IsString() @Length(1, 200) @Matches(/\S/, { message: 'service must not be blank' })
  service!: string;

  @ApiPropertyOptional({ enum: DETECTION_STAGES, default: 'ci' })
  @IsOptional() @IsIn(DETECTION_STAGES)
  boundary: DetectionStage = 'ci';
}

export class ServingsQuery {
  @ApiProperty({ example: 'payments-api' })
  @IsString() @Length(1, 200) @Matches(/\S/, { message: 'service must not be blank' })
  service!: string;

  @ApiPropertyOptional({ example: 'PR-1234', description: 'Only servings that name this change' })
  @IsOptional() @IsString() @Length(1, 200)
  change?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  limit = 100;
}

export class ModelParam {
  @ApiProperty({ description: 'The service whose threat model is described' }) @IsString() @Length(1, 200) service!: string;
}

export class ModelQuery {
  @ApiPropertyOptional({ enum: CONTEXT_FORMATS, default: 'markdown' })
  @IsOptional() @IsIn(CONTEXT_FORMATS)
  format: ContextFormat = 'markdown';
}

// Response shapes: the interfaces of libs/domain/src/api/context.ts, described for the OpenAPI document.

export class ContextModelRefResponse implements ContextModelRef {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() version!: number;
  @ApiProperty() effectiveFrom!: string;
}

export class ContextComponentResponse implements ContextComponentDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) type!: string | null;
  @ApiProperty({ nullable: true, enum: PWNISMS_LAYERS }) layer!: ContextComponentDto['layer'];
  @ApiProperty({ nullable: true, type: String }) trustZone!: string | null;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ type: [String], description: 'The requested paths this component covers' }) paths!: string[];
}

export class ContextBoundaryResponse implements ContextBoundaryDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) fromZone!: string | null;
  @ApiProperty({ nullable: true, type: String }) toZone!: string | null;
  @ApiProperty({ type: [String] }) crossedBy!: string[];
}

export class ContextAssetResponse implements ContextAssetDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) type!: string | null;
  @ApiProperty({ nullable: true, type: String }) trustZone!: string | null;
}

export class ContextMitigationResponse {
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, enum: ['planned', 'implemented', 'verified', 'rejected'] }) status!: ContextThreatDto['mitigations'][number]['status'];
}

export class ContextThreatResponse implements ContextThreatDto {
  @ApiProperty() key!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ enum: LAYERS }) layer!: ContextThreatDto['layer'];
  @ApiProperty({ nullable: true, type: String }) stride!: ContextThreatDto['stride'];
  @ApiProperty({ nullable: true, enum: SEVERITIES }) severity!: ContextThreatDto['severity'];
  @ApiProperty({ enum: ['open', 'mitigated', 'accepted', 'not_applicable'] }) status!: ContextThreatDto['status'];
  @ApiProperty({ type: [Number] }) cweIds!: number[];
  @ApiProperty({ type: [String] }) components!: string[];
  @ApiProperty({ type: [ContextMitigationResponse] }) mitigations!: ContextMitigationResponse[];
  @ApiProperty({ description: 'Past escapes linked to this threat' }) escapes!: number;
  @ApiProperty({ description: 'Ranking score, higher first' }) importance!: number;
}

export class ContextLayerGroupResponse implements ContextLayerGroupDto {
  @ApiProperty({ enum: LAYERS }) layer!: ContextLayerGroupDto['layer'];
  @ApiProperty({ type: [ContextThreatResponse] }) threats!: ContextThreatResponse[];
}

export class AcceptanceCriterionResponse implements AcceptanceCriterionDto {
  @ApiProperty({ example: 'T-12/owner-scoped-queries' }) id!: string;
  @ApiProperty() text!: string;
  @ApiProperty() threatKey!: string;
  @ApiProperty() threatTitle!: string;
  @ApiProperty({ type: [Number] }) cweIds!: number[];
  @ApiProperty({ enum: LAYERS }) layer!: AcceptanceCriterionDto['layer'];
  @ApiProperty({ type: [String] }) components!: string[];
  @ApiProperty({ nullable: true, type: String }) mitigationKey!: string | null;
}

export class PastEscapeResponse implements PastEscapeDto {
  @ApiProperty() findingId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: PastEscapeDto['severity'];
  @ApiProperty({ type: [Number] }) cweIds!: number[];
  @ApiProperty({ enum: DETECTION_STAGES }) stage!: DetectionStage;
  @ApiProperty() detectedAt!: string;
  @ApiProperty({ nullable: true, type: String }) path!: string | null;
  @ApiProperty({ enum: ['design', 'pattern', 'unclassified'] }) findingClass!: PastEscapeDto['findingClass'];
  @ApiProperty() component!: string;
  @ApiProperty({ nullable: true, type: String }) threatKey!: string | null;
}

export class ContextBudgetCutResponse {
  @ApiProperty({ type: [String], description: 'Keys of the threats left out' }) threats!: string[];
  @ApiProperty() criteria!: number;
  @ApiProperty() escapes!: number;
  @ApiProperty() boundaries!: number;
  @ApiProperty() assets!: number;
}

export class ContextBudgetResponse implements ContextBudgetDto {
  @ApiProperty() maxChars!: number;
  @ApiProperty({ nullable: true, type: Number }) maxTokens!: number | null;
  @ApiProperty() usedChars!: number;
  @ApiProperty() truncated!: boolean;
  @ApiProperty() cut!: ContextBudgetCutResponse;
}

export class ContextPackResponse implements ContextPackDto {
  @ApiProperty() service!: string;
  @ApiProperty() model!: ContextModelRefResponse;
  @ApiProperty({ nullable: true, type: String }) changeRef!: string | null;
  @ApiProperty({ type: [String] }) unmatchedPaths!: string[];
  @ApiProperty({ type: [ContextComponentResponse] }) components!: ContextComponentResponse[];
  @ApiProperty({ type: [ContextBoundaryResponse] }) boundaries!: ContextBoundaryResponse[];
  @ApiProperty({ type: [ContextAssetResponse] }) assets!: ContextAssetResponse[];
  @ApiProperty({ type: [ContextLayerGroupResponse] }) layers!: ContextLayerGroupResponse[];
  @ApiProperty({ type: [AcceptanceCriterionResponse] }) criteria!: AcceptanceCriterionResponse[];
  @ApiProperty({ type: [PastEscapeResponse] }) escapes!: PastEscapeResponse[];
  @ApiProperty() escapeCount!: number;
  @ApiProperty() budget!: ContextBudgetResponse;
}

export class AcceptanceCriteriaResponse implements AcceptanceCriteriaDto {
  @ApiProperty() service!: string;
  @ApiProperty() model!: ContextModelRefResponse;
  @ApiProperty({ nullable: true, type: String }) changeRef!: string | null;
  @ApiProperty({ type: [ContextComponentResponse] }) components!: ContextComponentResponse[];
  @ApiProperty({ type: [String] }) unmatchedPaths!: string[];
  @ApiProperty({ type: [AcceptanceCriterionResponse] }) criteria!: AcceptanceCriterionResponse[];
  @ApiProperty() budget!: ContextBudgetResponse;
}

export class ReviewChecklistItemResponse implements ReviewChecklistItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
  @ApiProperty() threatKey!: string;
  @ApiProperty({ type: [Number] }) cweIds!: number[];
  @ApiProperty({ enum: LAYERS }) layer!: ReviewChecklistItemDto['layer'];
  @ApiProperty({ type: [String] }) paths!: string[];
  @ApiProperty() pastEscapes!: number;
}

export class ReviewChecklistResponse implements ReviewChecklistDto {
  @ApiProperty() service!: string;
  @ApiProperty() model!: ContextModelRefResponse;
  @ApiProperty({ nullable: true, type: String }) changeRef!: string | null;
  @ApiProperty({ type: [String] }) changedPaths!: string[];
  @ApiProperty({ type: [ContextComponentResponse] }) components!: ContextComponentResponse[];
  @ApiProperty({ type: [String] }) unmatchedPaths!: string[];
  @ApiProperty({ type: [ReviewChecklistItemResponse] }) items!: ReviewChecklistItemResponse[];
  @ApiProperty({ type: [PastEscapeResponse] }) escapes!: PastEscapeResponse[];
  @ApiProperty() budget!: ContextBudgetResponse;
}

export class ContextReviewResponse implements ContextReviewDto {
  @ApiProperty() id!: string;
  @ApiProperty() service!: string;
  @ApiProperty() changeRef!: string;
  @ApiProperty({ enum: REVIEW_OUTCOMES }) outcome!: ReviewOutcome;
  @ApiProperty() servedAt!: string;
}

export class ContextServingResponse implements ContextServingDto {
  @ApiProperty() id!: string;
  @ApiProperty() servedAt!: string;
  @ApiProperty({ example: 'token:assistant' }) actor!: string;
  @ApiProperty({ nullable: true, type: String }) tokenId!: string | null;
  @ApiProperty({ enum: CONTEXT_CHANNELS }) channel!: ContextChannel;
  @ApiProperty({ enum: CONTEXT_KINDS }) kind!: ContextServingDto['kind'];
  @ApiProperty({ nullable: true, type: String }) tool!: string | null;
  @ApiProperty() service!: string;
  @ApiProperty({ type: [String] }) components!: string[];
  @ApiProperty({ type: [String] }) threats!: string[];
  @ApiProperty({ nullable: true, type: String }) changeRef!: string | null;
  @ApiProperty({ nullable: true, enum: REVIEW_OUTCOMES }) outcome!: ReviewOutcome | null;
}

export class ComponentContextUsageResponse implements ComponentContextUsageDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, enum: PWNISMS_LAYERS }) layer!: ComponentContextUsageDto['layer'];
  @ApiProperty({ description: 'Servings that included the component' }) fetched!: number;
  @ApiProperty({ nullable: true, type: String }) lastFetchedAt!: string | null;
  @ApiProperty({ description: 'Escaped findings linked to the component' }) escapes!: number;
}

export class ContextUsageResponse implements ContextUsageDto {
  @ApiProperty() service!: string;
  @ApiProperty() threatModelId!: string;
  @ApiProperty({ enum: DETECTION_STAGES }) boundary!: DetectionStage;
  @ApiProperty({ type: [ComponentContextUsageResponse] }) components!: ComponentContextUsageResponse[];
}

export class ContextModelSummaryResponse implements ContextModelSummaryDto {
  @ApiProperty() service!: string;
  @ApiProperty() model!: ContextModelRefResponse;
  @ApiProperty() components!: number;
  @ApiProperty() threats!: number;
}
