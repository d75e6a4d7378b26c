import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DETECTION_STAGES, HORIZON_RULE_PATTERN, PRIMARY_FINDING_CLASSES, type AdoptionDto, type DetectionStage, type PrimaryAnalysis, type PrimaryFindingClass } from '@escapement/domain';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsNumber, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { AdoptionRecord } from './adoptions.repository';

/** The primary analysis of an adoption; what is left out keeps its current value (the defaults at first). */
export class PrimaryAnalysisInput {
  @ApiPropertyOptional({ enum: PRIMARY_FINDING_CLASSES, default: 'design' })
  @IsOptional() @IsIn(PRIMARY_FINDING_CLASSES)
  findingClass?: PrimaryFindingClass;

  @ApiPropertyOptional({ enum: DETECTION_STAGES, default: 'ci', description: 'Escape boundary' })
  @IsOptional() @IsIn(DETECTION_STAGES)
  boundary?: DetectionStage;

  @ApiPropertyOptional({ default: 'p90', example: 'p90', description: 'Follow-up horizon: `p50`–`p99`, a percentile of the detection delay, or `1d`–`3650d`, a fixed number of days' })
  @IsOptional() @IsString() @Matches(HORIZON_RULE_PATTERN, { message: 'horizonRule must be p50 to p99 (a percentile of the detection delay) or 1d to 3650d (days)' })
  horizonRule?: string;

  @ApiPropertyOptional({ default: 0.1, description: 'Smallest change in escape rate that matters, as a proportion (0.10 = 10 points); above 0, at most 1' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 }) @Min(0.0001) @Max(1)
  minimalImportantDifference?: number;
}

export class PrimaryAnalysisResponse implements PrimaryAnalysis {
  @ApiProperty({ enum: PRIMARY_FINDING_CLASSES }) findingClass!: PrimaryFindingClass;
  @ApiProperty({ enum: DETECTION_STAGES }) boundary!: DetectionStage;
  @ApiProperty({ example: 'p90' }) horizonRule!: string;
  @ApiProperty({ example: 0.1 }) minimalImportantDifference!: number;
}

export class CreateAdoptionRequest {
  @ApiPropertyOptional({ description: 'The adopting team (give a team or a service, not both)' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ description: 'The adopting service (give a team or a service, not both)' })
  @IsOptional()
  @IsUUID()
  serviceId?: string;

  @ApiProperty({ example: 'context-aware-development' })
  @IsString()
  @Length(1, 100)
  @Matches(/^[a-z0-9][a-z0-9-_ ]*$/i, { message: 'practice must be letters, digits, spaces, dashes or underscores' })
  practice!: string;

  @ApiProperty({ example: '2026-03-01', description: 'The date the practice started (YYYY-MM-DD)' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startedAt must be a date as YYYY-MM-DD' })
  startedAt!: string;

  @ApiPropertyOptional({ type: PrimaryAnalysisInput, description: 'Fixed now, before the after-window has data; defaults: design, ci, p90, 0.10' })
  @IsOptional() @ValidateNested() @Type(() => PrimaryAnalysisInput)
  primaryAnalysis?: PrimaryAnalysisInput;
}

export class AdoptionResponse implements AdoptionDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) teamId!: string | null;
  @ApiProperty({ nullable: true, type: String }) teamName!: string | null;
  @ApiProperty({ nullable: true, type: String }) serviceId!: string | null;
  @ApiProperty({ nullable: true, type: String }) serviceName!: string | null;
  @ApiProperty() practice!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'When the practice ended (YYYY-MM-DD): the after-window ends there' }) retiredAt!: string | null;
  @ApiProperty({ type: PrimaryAnalysisResponse }) primaryAnalysis!: PrimaryAnalysisResponse;
  @ApiProperty() createdAt!: string;
}

export function mapAdoption(adoption: AdoptionRecord): AdoptionResponse {
  return {
    id: adoption.id,
    teamId: adoption.teamId,
    teamName: adoption.teamName,
    serviceId: adoption.serviceId,
    serviceName: adoption.serviceName,
    practice: adoption.practice,
    startedAt: adoption.startedAt,
    retiredAt: adoption.retiredAt,
    primaryAnalysis: primaryAnalysisOf(adoption),
    createdAt: adoption.createdAt.toISOString(),
  };
}

export function primaryAnalysisOf(adoption: AdoptionRecord): PrimaryAnalysis {
  return {
    findingClass: adoption.primaryFindingClass,
    boundary: adoption.primaryBoundary,
    horizonRule: adoption.primaryHorizonRule,
    minimalImportantDifference: adoption.primaryMid,
  };
}

export class AdoptionIdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

/** Corrects an adoption's practice, start date or (before its after-window has data) primary analysis. */
export class UpdateAdoptionRequest {
  @ApiPropertyOptional({ example: 'context-aware-development' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/^[a-z0-9][a-z0-9-_ ]*$/i, { message: 'practice must be letters, digits, spaces, dashes or underscores' })
  practice?: string;

  @ApiPropertyOptional({ example: '2026-03-01' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startedAt must be a date as YYYY-MM-DD' })
  startedAt?: string;

  @ApiPropertyOptional({ type: PrimaryAnalysisInput, description: 'Only while the after-window has no finding (409 otherwise)' })
  @IsOptional() @ValidateNested() @Type(() => PrimaryAnalysisInput)
  primaryAnalysis?: PrimaryAnalysisInput;
}

/** Ends an adoption: the team stopped the practice on this date. */
export class RetireAdoptionRequest {
  @ApiProperty({ example: '2026-09-30' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'retiredAt must be a date as YYYY-MM-DD' })
  retiredAt!: string;
}
