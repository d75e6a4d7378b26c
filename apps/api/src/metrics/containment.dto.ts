import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { CONTAINMENT_GROUPINGS, DETECTION_STAGES, type ContainmentGrouping, type ContainmentResponse, type ContainmentRow, type CostWeights, type DetectionStage, type EscapeCost, type Severity } from '@escapement/domain';
import { byStage, bySeverity } from '../common/openapi-schemas';

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

export class ContainmentRowResponse implements ContainmentRow {
  @ApiProperty({ description: 'The finding class or category' }) key!: string;
  @ApiProperty() total!: number;
  @ApiProperty(byStage({ type: 'number' }, 'Findings first detected at each stage')) counts!: Record<DetectionStage, number>;
  @ApiProperty(byStage({ type: 'number' }, 'Findings first detected at or before each stage')) cumulative!: Record<DetectionStage, number>;
  @ApiProperty(byStage({ type: 'number', nullable: true }, 'The share stopped at or before each stage; null when the group has no findings')) cumulativeShare!: Record<DetectionStage, number | null>;
}

export class CostWeightsResponse implements CostWeights {
  @ApiProperty(byStage({ type: 'number' })) stage!: Record<DetectionStage, number>;
  @ApiProperty(bySeverity({ type: 'number' })) severity!: Record<Severity, number>;
}

export class EscapeCostResponse implements EscapeCost {
  @ApiProperty() total!: number;
  @ApiProperty(byStage({ type: 'number' })) byStage!: Record<DetectionStage, number>;
  @ApiProperty(bySeverity({ type: 'number' })) bySeverity!: Record<Severity, number>;
}

@ApiExtraModels(EscapeCostResponse)
export class ContainmentCostResponse {
  @ApiProperty({ type: CostWeightsResponse }) weights!: CostWeightsResponse;
  @ApiProperty({ type: EscapeCostResponse }) total!: EscapeCostResponse;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(EscapeCostResponse) }, description: 'Per class or category' }) byKey!: Record<string, EscapeCostResponse>;
}

export class ContainmentResponseBody implements ContainmentResponse {
  @ApiProperty({ enum: CONTAINMENT_GROUPINGS }) groupBy!: ContainmentGrouping;
  @ApiProperty({ enum: DETECTION_STAGES, isArray: true }) stages!: readonly DetectionStage[];
  @ApiProperty({ type: [ContainmentRowResponse] }) rows!: ContainmentRowResponse[];
  @ApiProperty({ type: ContainmentCostResponse }) cost!: ContainmentCostResponse;
}
