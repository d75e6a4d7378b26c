import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DETECTION_STAGES, FINDING_CLASSES, type AdoptionVerdictResponse, type DetectionStage, type FindingClass } from '@escapement/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class AdoptionImpactQuery {
  @ApiPropertyOptional({ description: 'Adoption id (or give team or service: their first adoption)' })
  @IsOptional() @IsUUID()
  adoption?: string;

  @ApiPropertyOptional({ description: 'Analyse every adoption of this practice together (staggered dates, stacked); instead of adoption, team or service' })
  @IsOptional() @IsString() @Length(1, 100)
  practice?: string;

  @ApiPropertyOptional() @IsOptional() @IsUUID() team?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() service?: string;

  @ApiPropertyOptional({ enum: DETECTION_STAGES, default: 'ci' })
  @IsOptional() @IsIn(DETECTION_STAGES)
  boundary: DetectionStage = 'ci';

  @ApiPropertyOptional({ description: 'Days on each side of the adoption; default: the longest equal windows with mature data, up to 365' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(14) @Max(1095)
  windowDays?: number;

  @ApiPropertyOptional({ enum: FINDING_CLASSES, default: 'design', description: 'Primary class of the verdict (another than design makes the analysis exploratory)' })
  @IsOptional() @IsIn(FINDING_CLASSES)
  class?: FindingClass;

  @ApiPropertyOptional({ default: 0.1, description: 'Minimal important difference of the verdict, as a share (0.1 = 10 points)' })
  @IsOptional() @Type(() => Number) @IsNumber() @Min(0.01) @Max(1)
  minimalImportantDifference?: number;

  @ApiPropertyOptional({ description: 'Follow-up horizon H of the verdict in days; default the 90th percentile of detection delays' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3650)
  horizonDays?: number;

  @ApiPropertyOptional({ default: 90, description: 'Follow-up a cohort needs before it is used' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650)
  followUpDays?: number;
}

export class ImpactResponse {
  @ApiProperty() adoption!: { id: string; team: string | null; service: string | null; practice: string; startedAt: string };
  @ApiProperty({ enum: DETECTION_STAGES }) boundary!: DetectionStage;
  @ApiProperty() windowDays!: number;
  @ApiProperty() followUpDays!: number;
  @ApiProperty() windows!: { before: { from: string; to: string }; after: { from: string; to: string } };
  @ApiProperty() control!: { services: number };
  @ApiProperty({ description: 'One entry per finding class, and "all": the adopters\' and the control\'s own changes (context, not the verdict)' }) classes!: unknown[];
  @ApiProperty({ description: 'The headline: per class, the control-adjusted, cluster-aware verdict (docs/metrics.md, "Adoption verdict")' }) verdict!: AdoptionVerdictResponse;
}
