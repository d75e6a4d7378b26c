import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMMIT_ID_PATTERN,
  DETECTION_STAGES,
  FINDING_CLASSES,
  FINDING_STATUSES,
  SEVERITIES,
  SOURCE_KINDS,
  type DetectionStage,
  type FindingClass,
  type FindingDetailDto,
  type FindingDetectionDto,
  type FindingDto,
  type FindingLinkDto,
  type FindingLocationDto,
  type FindingStatus,
  type Page,
  type Severity,
  type SourceKind,
} from '@escapement/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class FindingLocationInput {
  @ApiPropertyOptional({ example: 'github.com/acme/payments-api' })
  @IsOptional() @IsString() @Length(1, 500)
  repo?: string;

  @ApiPropertyOptional({ example: 'src/orders/refund.controller.ts' })
  @IsOptional() @IsString() @Length(1, 2000)
  path?: string;

  @ApiPropertyOptional({ example: 42 })
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000)
  line?: number;
}

/** A finding as posted by a client (reviews, pentests, bug bounty, incidents, or any tool). */
export class FindingInput {
  @ApiProperty({ example: 'payments-api', description: 'Service name; created (without a team) when first named' })
  @IsString() @Length(1, 200) @Matches(/\S/, { message: 'service must not be blank' })
  service!: string;

  @ApiProperty({ enum: SOURCE_KINDS })
  @IsIn(SOURCE_KINDS)
  sourceKind!: SourceKind;

  @ApiPropertyOptional({ example: 'manual review' })
  @IsOptional() @IsString() @Length(1, 200)
  tool?: string;

  @ApiPropertyOptional({ example: 'AUTHZ-001' })
  @IsOptional() @IsString() @Length(1, 500)
  ruleId?: string;

  @ApiProperty({ example: 'Refund endpoint does not check that the order belongs to the caller' })
  @IsString() @Length(1, 1000) @Matches(/\S/, { message: 'title must not be blank' })
  title!: string;

  @ApiProperty({ enum: SEVERITIES })
  @IsIn(SEVERITIES)
  severity!: Severity;

  @ApiPropertyOptional({ type: [Number], example: [639] })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsInt({ each: true }) @Min(1, { each: true }) @Max(100_000, { each: true })
  cweIds?: number[];

  @ApiPropertyOptional({ type: FindingLocationInput })
  @IsOptional() @ValidateNested() @Type(() => FindingLocationInput)
  location?: FindingLocationInput;

  @ApiPropertyOptional({ description: 'Stable identity of the issue; computed from tool, rule and location when absent' })
  @IsOptional() @IsString() @Length(1, 512)
  fingerprint?: string;

  @ApiPropertyOptional({ enum: DETECTION_STAGES, description: "Defaults to the source kind's usual stage" })
  @IsOptional() @IsIn(DETECTION_STAGES)
  stage?: DetectionStage;

  @ApiPropertyOptional({ example: '2026-05-04T10:00:00Z', description: 'When it was found; defaults to now' })
  @IsOptional() @IsISO8601({ strict: true })
  detectedAt?: string;

  @ApiPropertyOptional({ example: '2026-04-20T08:00:00Z', description: 'When the flawed code was written or merged' })
  @IsOptional() @IsISO8601({ strict: true })
  introducedAt?: string;

  @ApiPropertyOptional({ example: '4b825dc642cb6eb9a060e54bf8d69288fbee4904', description: 'The commit that introduced the flaw (hexadecimal, 4–64 digits), e.g. from git blame' })
  @IsOptional() @IsString() @Matches(COMMIT_ID_PATTERN, { message: 'introducedCommit must be a commit id: 4 to 64 hexadecimal digits' })
  introducedCommit?: string;

  @ApiPropertyOptional({ example: '#412', description: 'The change (PR/MR ref, as recorded with POST /changes) that introduced the flaw' })
  @IsOptional() @IsString() @Length(1, 200) @Matches(/\S/, { message: 'changeRef must not be blank' })
  changeRef?: string;

  @ApiPropertyOptional({ enum: FINDING_STATUSES })
  @IsOptional() @IsIn(FINDING_STATUSES)
  status?: FindingStatus;

  @ApiPropertyOptional({ example: '9fceb02' })
  @IsOptional() @IsString() @Length(1, 100)
  commit?: string;
}

export class UpsertCountsResponse {
  @ApiProperty() importId!: string;
  @ApiProperty({ description: 'Findings in the request' }) received!: number;
  @ApiProperty({ description: 'Distinct findings stored for the first time' }) created!: number;
  @ApiProperty({ description: 'Distinct findings whose data or detections changed' }) updated!: number;
  @ApiProperty({ description: 'Distinct findings already stored exactly so' }) unchanged!: number;
}

export class ListFindingsQuery {
  @ApiPropertyOptional({ description: 'Team id or name' }) @IsOptional() @IsString() @Length(1, 200) team?: string;
  @ApiPropertyOptional({ description: 'Service id or name' }) @IsOptional() @IsString() @Length(1, 200) service?: string;
  @ApiPropertyOptional({ enum: DETECTION_STAGES, description: 'Stage of the first detection in time (ties: the earlier stage)' }) @IsOptional() @IsIn(DETECTION_STAGES) stage?: DetectionStage;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ enum: FINDING_CLASSES }) @IsOptional() @IsIn(FINDING_CLASSES) class?: FindingClass;
  @ApiPropertyOptional({ description: 'First detected on or after (ISO date or time)' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'First detected before (ISO date or time)' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ description: 'Category from the classification, e.g. authorization' }) @IsOptional() @IsString() @Length(1, 50) category?: string;
  @ApiPropertyOptional({ enum: FINDING_STATUSES }) @IsOptional() @IsIn(FINDING_STATUSES) status?: FindingStatus;
  @ApiPropertyOptional({ description: 'Only findings that escaped (true) or were stopped (false) at the boundary' })
  @IsOptional() @IsIn(['true', 'false'])
  escaped?: 'true' | 'false';
  @ApiPropertyOptional({ enum: DETECTION_STAGES, default: 'ci', description: 'Escape boundary for `escaped`' }) @IsOptional() @IsIn(DETECTION_STAGES) boundary?: DetectionStage;
  @ApiPropertyOptional({ enum: ['context_gap', 'model_gap', 'unmodelled'] }) @IsOptional() @IsIn(['context_gap', 'model_gap', 'unmodelled']) gap?: 'context_gap' | 'model_gap' | 'unmodelled';
  @ApiPropertyOptional({ description: 'A CWE id the finding lists' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100_000) cwe?: number;
  @ApiPropertyOptional({ description: 'Text in the title, rule id, path or fingerprint' }) @IsOptional() @IsString() @Length(1, 200) q?: string;
  @ApiPropertyOptional({ enum: ['detected', 'severity', 'stage', 'title'], default: 'detected' }) @IsOptional() @IsIn(['detected', 'severity', 'stage', 'title']) sort?: 'detected' | 'severity' | 'stage' | 'title';
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' }) @IsOptional() @IsIn(['asc', 'desc']) order?: 'asc' | 'desc';
  @ApiPropertyOptional({ enum: ['detected', 'cohort'], default: 'detected', description: '`from`/`to` apply to the first detection, or to the cohort date (introducedAt, else first detection) as the charts do' })
  @IsOptional() @IsIn(['detected', 'cohort'])
  dateBy?: 'detected' | 'cohort';
  @ApiPropertyOptional({ description: 'true: only findings the rates count (not suppressed nor false positive)' }) @IsOptional() @IsIn(['true', 'false']) counted?: 'true' | 'false';
  @ApiPropertyOptional({ description: 'With `component`: findings linked to that component of that threat model' }) @IsOptional() @IsUUID() threatModel?: string;
  @ApiPropertyOptional({ description: 'A component key of `threatModel`' }) @IsOptional() @IsString() @Length(1, 500) component?: string;
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page' }) @IsOptional() @IsString() @Length(1, 6000) cursor?: string;
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class FindingLocationResponse implements FindingLocationDto {
  @ApiProperty({ nullable: true, type: String }) repo!: string | null;
  @ApiProperty({ nullable: true, type: String }) path!: string | null;
  @ApiProperty({ nullable: true, type: Number }) line!: number | null;
}

export class FindingResponse implements FindingDto {
  @ApiProperty() id!: string;
  @ApiProperty() serviceId!: string;
  @ApiProperty() serviceName!: string;
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty() fingerprint!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: Severity;
  @ApiProperty({ type: [Number] }) cweIds!: number[];
  @ApiProperty({ nullable: true, type: String }) ruleId!: string | null;
  @ApiProperty({ nullable: true, type: String }) tool!: string | null;
  @ApiProperty({ enum: SOURCE_KINDS }) sourceKind!: SourceKind;
  @ApiProperty({ type: FindingLocationResponse }) location!: FindingLocationResponse;
  @ApiProperty({ nullable: true, type: String }) introducedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The commit that introduced the flaw' }) introducedCommit!: string | null;
  @ApiProperty() firstDetectedAt!: string;
  @ApiProperty({ enum: DETECTION_STAGES }) firstDetectedStage!: DetectionStage;
  @ApiProperty({ enum: FINDING_STATUSES }) status!: FindingStatus;
  @ApiProperty({ enum: FINDING_CLASSES }) findingClass!: FindingClass;
  @ApiProperty({ nullable: true, type: String }) classRule!: string | null;
  @ApiProperty({ nullable: true, type: String }) classReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) category!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'PWNISMS layer' }) layer!: string | null;
  @ApiProperty({ enum: ['context_gap', 'model_gap', 'unmodelled'] }) gap!: string;
}

export class FindingPageResponse implements Page<FindingResponse> {
  @ApiProperty({ type: [FindingResponse] }) items!: FindingResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** A row of the findings query, as PostgreSQL returns it. */
export interface FindingRow {
  id: string;
  service_id: string;
  service_name: string;
  team_id: string | null;
  fingerprint: string;
  title: string;
  severity: Severity;
  cwe_ids: number[];
  rule_id: string | null;
  tool: string | null;
  source_kind: SourceKind;
  repo: string | null;
  path: string | null;
  line: number | null;
  introduced_at: Date | null;
  introduced_commit: string | null;
  first_detected_at: Date;
  first_detected_stage: DetectionStage;
  status: FindingStatus;
  finding_class: FindingClass;
  class_rule: string | null;
  class_reason: string | null;
  category: string | null;
  layer: string | null;
  gap: string;
}

export function mapFinding(row: FindingRow): FindingResponse {
  return {
    id: row.id,
    serviceId: row.service_id,
    serviceName: row.service_name,
    teamId: row.team_id,
    fingerprint: row.fingerprint,
    title: row.title,
    severity: row.severity,
    cweIds: row.cwe_ids,
    ruleId: row.rule_id,
    tool: row.tool,
    sourceKind: row.source_kind,
    location: { repo: row.repo, path: row.path, line: row.line },
    introducedAt: row.introduced_at?.toISOString() ?? null,
    introducedCommit: row.introduced_commit,
    firstDetectedAt: row.first_detected_at.toISOString(),
    firstDetectedStage: row.first_detected_stage,
    status: row.status,
    findingClass: row.finding_class,
    classRule: row.class_rule,
    classReason: row.class_reason,
    category: row.category,
    layer: row.layer,
    gap: row.gap,
  };
}

export class FindingIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class FindingDetailQuery {
  @ApiPropertyOptional({ enum: DETECTION_STAGES, default: 'ci', description: 'Escape boundary for the `escaped` flag' })
  @IsOptional() @IsIn(DETECTION_STAGES)
  boundary: DetectionStage = 'ci';
}

export class LinkRequest {
  @ApiProperty() @IsUUID() threatModelId!: string;
  @ApiProperty({ example: 'refunds-service' }) @IsString() @Length(1, 500) componentKey!: string;
  @ApiPropertyOptional({ example: 'T-003', description: 'Absent: the link is to the component only' })
  @IsOptional() @IsString() @Length(1, 500)
  threatKey?: string;
}

export class ClassOverrideResponse {
  @ApiProperty({ nullable: true, type: String, description: 'Who chose the class' }) by!: string | null;
  @ApiProperty() at!: string;
}

export class FindingDetailResponse extends FindingResponse implements FindingDetailDto {
  @ApiProperty({ nullable: true, type: ClassOverrideResponse, description: 'Set when a person chose the class' }) override!: ClassOverrideResponse | null;
  @ApiProperty({ nullable: true, type: String }) fixedAt!: string | null;
  @ApiProperty({ enum: DETECTION_STAGES }) boundary!: DetectionStage;
  @ApiProperty() escaped!: boolean;
  @ApiProperty() detections!: FindingDetectionDto[];
  @ApiProperty() links!: FindingLinkDto[];
}
