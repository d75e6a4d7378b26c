import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FINDING_CATEGORIES, FINDING_CLASSES, type ClassificationRuleCreatedDto, type ClassificationRuleDto, type ClassificationRuleMatchDto, type ReclassifiedDto, type FindingCategory, type FindingClass } from '@escapement/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import type { WorkspaceRuleRow } from './classification-rules.repository';

export class RuleMatchInput {
  @ApiPropertyOptional({ example: 'semgrep.acme.authz.*', description: 'Exact rule id, or a glob with *' })
  @IsOptional() @IsString() @Length(1, 500)
  ruleId?: string;

  @ApiPropertyOptional({ example: 'semgrep', description: 'Tool name, case-insensitive' })
  @IsOptional() @IsString() @Length(1, 200)
  tool?: string;

  @ApiPropertyOptional({ example: 639 })
  @IsOptional() @IsInt() @Min(1) @Max(100_000)
  cweId?: number;
}

export class CreateClassificationRuleRequest {
  @ApiProperty({ type: RuleMatchInput, description: 'Every field given must match; at least one is required' })
  @ValidateNested() @Type(() => RuleMatchInput)
  match!: RuleMatchInput;

  @ApiProperty({ enum: FINDING_CLASSES })
  @IsIn(FINDING_CLASSES)
  findingClass!: FindingClass;

  @ApiPropertyOptional({ enum: FINDING_CATEGORIES })
  @IsOptional() @IsIn(FINDING_CATEGORIES)
  category?: FindingCategory;

  @ApiPropertyOptional({ example: 'Our authz rules flag missing policy checks: a design decision' })
  @IsOptional() @IsString() @Length(1, 1000)
  reason?: string;

  @ApiPropertyOptional({ description: 'Order among workspace rules (lower first); default: last' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  position?: number;
}

export class OverrideClassificationRequest {
  @ApiProperty({ enum: FINDING_CLASSES })
  @IsIn(FINDING_CLASSES)
  findingClass!: FindingClass;

  @ApiProperty({ example: 'The check is missing because the spec never said who may refund: a design gap' })
  @IsString() @Length(3, 1000) @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

export class IdParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id!: string;
}

export class ClassificationRuleMatchResponse implements ClassificationRuleMatchDto {
  @ApiProperty({ nullable: true, type: String }) ruleId!: string | null;
  @ApiProperty({ nullable: true, type: String }) tool!: string | null;
  @ApiProperty({ nullable: true, type: Number }) cweId!: number | null;
}

export class ClassificationRuleResponse implements ClassificationRuleDto {
  @ApiProperty() id!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ type: ClassificationRuleMatchResponse }) match!: ClassificationRuleMatchResponse;
  @ApiProperty({ enum: FINDING_CLASSES }) findingClass!: FindingClass;
  @ApiProperty({ nullable: true, type: String }) category!: string | null;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty() createdAt!: string;
}

export class ReclassifiedResponse implements ReclassifiedDto {
  @ApiProperty({ description: 'Stored findings whose class changed' }) reclassified!: number;
}

export class ClassificationRuleCreatedResponse extends ReclassifiedResponse implements ClassificationRuleCreatedDto {
  @ApiProperty({ type: ClassificationRuleResponse }) rule!: ClassificationRuleResponse;
}

export function mapRule(row: WorkspaceRuleRow): ClassificationRuleResponse {
  return {
    id: row.id,
    position: row.position,
    match: { ruleId: row.match_rule_id, tool: row.match_tool, cweId: row.match_cwe_id },
    findingClass: row.finding_class,
    category: row.category,
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
  };
}
