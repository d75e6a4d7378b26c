import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DETECTION_STAGES,
  ESCAPE_RATE_GROUPINGS,
  FINDING_CLASSES,
  SEVERITIES,
  TIME_BUCKETS,
  type DetectionStage,
  type EscapeRateGrouping,
  type EscapeRatePoint,
  type EscapeRateResponse,
  type EscapeRateSeries,
  type FindingClass,
  type Severity,
  type TimeBucket,
} from '@escapement/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Which findings, grouped how, bucketed how, escaping past which stage. */
export class EscapeRateQuery {
  @ApiPropertyOptional({ enum: ESCAPE_RATE_GROUPINGS, default: 'class' })
  @IsOptional() @IsIn(ESCAPE_RATE_GROUPINGS)
  groupBy: EscapeRateGrouping = 'class';

  @ApiPropertyOptional({ enum: TIME_BUCKETS, default: 'month' })
  @IsOptional() @IsIn(TIME_BUCKETS)
  bucket: TimeBucket = 'month';

  @ApiPropertyOptional({ enum: DETECTION_STAGES, default: 'ci', description: 'A finding first detected at or after this stage escaped' })
  @IsOptional() @IsIn(DETECTION_STAGES)
  boundary: DetectionStage = 'ci';

  @ApiPropertyOptional({ example: '2025-06-01', description: 'Cohort dates on or after (YYYY-MM-DD, UTC)' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-06-01', description: 'Cohort dates before (YYYY-MM-DD, UTC)' })
  @IsOptional() @IsISO8601({ strict: true }) @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ default: 90, description: 'Days after a period ends before its cohort counts as mature' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650)
  followUpDays?: number;

  @ApiPropertyOptional({ description: 'Team id' }) @IsOptional() @IsUUID() team?: string;
  @ApiPropertyOptional({ description: 'Service id' }) @IsOptional() @IsUUID() service?: string;
  @ApiPropertyOptional({ enum: FINDING_CLASSES }) @IsOptional() @IsIn(FINDING_CLASSES) class?: FindingClass;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
}

export class EscapeRatePointResponse implements EscapeRatePoint {
  @ApiProperty({ example: '2026-03-01' }) period!: string;
  @ApiProperty() total!: number;
  @ApiProperty() escaped!: number;
  @ApiProperty({ nullable: true, type: Number }) rate!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95% Wilson interval, lower bound' }) ciLow!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '95% Wilson interval, upper bound' }) ciHigh!: number | null;
  @ApiProperty({ description: 'False while the cohort is younger than the follow-up window' }) mature!: boolean;
}

export class EscapeRateSeriesResponse implements EscapeRateSeries {
  @ApiProperty() key!: string;
  @ApiProperty({ type: [EscapeRatePointResponse] }) points!: EscapeRatePointResponse[];
}

export class EscapeRateResponseBody implements EscapeRateResponse {
  @ApiProperty({ enum: DETECTION_STAGES }) boundary!: DetectionStage;
  @ApiProperty() followUpDays!: number;
  @ApiProperty({ enum: TIME_BUCKETS }) bucket!: TimeBucket;
  @ApiProperty({ enum: ESCAPE_RATE_GROUPINGS }) groupBy!: EscapeRateGrouping;
  @ApiProperty({ type: [EscapeRateSeriesResponse] }) series!: EscapeRateSeriesResponse[];
}
