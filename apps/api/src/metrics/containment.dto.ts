import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { CONTAINMENT_GROUPINGS, type ContainmentGrouping } from '@escapement/domain';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** `design:1,code_review:2,…` or `info:0,low:1,…`: weights given in the query string. */
const WEIGHTS = /^[a-z_]+:\d+(\.\d+)?(,[a-z_]+:\d+(\.\d+)?)*$/;

export class ContainmentQuery {
  @ApiPropertyOptional({ enum: CONTAINMENT_GROUPINGS, default: 'class' })
  @IsOptional() @IsIn(CONTAINMENT_GROUPINGS)
  groupBy: ContainmentGrouping = 'class';

  @ApiPropertyOptional({ example: '2025-06-01' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' }) from?: string;
  @ApiPropertyOptional({ example: '2026-06-01' }) @IsOptional() @IsISO8601({ strict: true }) @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' }) to?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() team?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() service?: string;

  @ApiPropertyOptional({ example: 'design:1,code_review:2,ci:3,pre_release:5,production:10', description: 'Cost weight per stage (relative units)' })
  @IsOptional() @Matches(WEIGHTS, { message: 'stageWeights must look like design:1,code_review:2,…' })
  stageWeights?: string;

  @ApiPropertyOptional({ example: 'info:0,low:1,medium:2,high:4,critical:8', description: 'Cost weight per severity' })
  @IsOptional() @Matches(WEIGHTS, { message: 'severityWeights must look like info:0,low:1,…' })
  severityWeights?: string;
}
