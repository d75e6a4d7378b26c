import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DETECTION_STAGES,
  GAP_GROUPINGS,
  TIME_BUCKETS,
  type DetectionStage,
  type GapGrouping,
  type GapPoint,
  type GapSeries,
  type GapsResponse,
  type TimeBucket,
} from '@escapement/domain';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';

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

export class GapPointResponse implements GapPoint {
  @ApiProperty() period!: string;
  @ApiProperty() escaped!: number;
  @ApiProperty() contextGap!: number;
  @ApiProperty() modelGap!: number;
  @ApiProperty() unmodelled!: number;
}

export class GapSeriesResponse implements GapSeries {
  @ApiProperty() key!: string;
  @ApiProperty({ type: [GapPointResponse] }) points!: GapPointResponse[];
}

export class GapsResponseBody implements GapsResponse {
  @ApiProperty({ enum: DETECTION_STAGES }) boundary!: DetectionStage;
  @ApiProperty({ enum: TIME_BUCKETS }) bucket!: TimeBucket;
  @ApiProperty({ enum: GAP_GROUPINGS }) groupBy!: GapGrouping;
  @ApiProperty({ type: [GapSeriesResponse] }) series!: GapSeriesResponse[];
}
