import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DETECTION_STAGES, TIME_BUCKETS, type DetectionStage, type TimeBucket } from '@escapement/domain';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';

export const GAP_GROUPINGS = ['total', 'team', 'service', 'component', 'layer'] as const;
export type GapGrouping = (typeof GAP_GROUPINGS)[number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Escaped findings split by why the context did not stop them. */
export class GapsQuery {
  @ApiPropertyOptional({ enum: GAP_GROUPINGS, default: 'total' })
  @IsOptional() @IsIn(GAP_GROUPINGS)
  groupBy: GapGrouping = 'total';

  @ApiPropertyOptional({ enum: TIME_BUCKETS, default: 'month' })
  @IsOptional() @IsIn(TIME_BUCKETS)
  bucket: TimeBucket = 'month';

  @ApiPropertyOptional({ enum: DETECTION_STAGES, default: 'ci' })
  @IsOptional() @IsIn(DETECTION_STAGES)
  boundary: DetectionStage = 'ci';

  @ApiPropertyOptional({ example: '2025-06-01' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ example: '2026-06-01' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' }) to?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() team?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() service?: string;
}

export class GapPoint {
  @ApiProperty() period!: string;
  @ApiProperty() escaped!: number;
  @ApiProperty() contextGap!: number;
  @ApiProperty() modelGap!: number;
  @ApiProperty() unmodelled!: number;
}

export class GapSeries {
  @ApiProperty() key!: string;
  @ApiProperty({ type: [GapPoint] }) points!: GapPoint[];
}

export class GapsResponse {
  @ApiProperty({ enum: DETECTION_STAGES }) boundary!: DetectionStage;
  @ApiProperty({ enum: TIME_BUCKETS }) bucket!: TimeBucket;
  @ApiProperty({ enum: GAP_GROUPINGS }) groupBy!: GapGrouping;
  @ApiProperty({ type: [GapSeries] }) series!: GapSeries[];
}
