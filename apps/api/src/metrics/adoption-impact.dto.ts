import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DETECTION_STAGES, PRIMARY_FINDING_CLASSES, type AdoptionImpactResponse, type AdoptionVerdictResponse, type DetectionStage, type ImpactClassResult, type PrimaryFindingClass, type VerdictAdoptionSummary } from '@escapement/domain';
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

  @ApiPropertyOptional({ enum: DETECTION_STAGES, description: 'Escape boundary; default: the one fixed in the primary analysis (another makes the verdict exploratory)' })
  @IsOptional() @IsIn(DETECTION_STAGES)
  boundary?: DetectionStage;

  @ApiPropertyOptional({ description: 'Days on each side of the adoption; default: the longest equal windows with mature data, up to 365' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(14) @Max(1095)
  windowDays?: number;

  @ApiPropertyOptional({ enum: PRIMARY_FINDING_CLASSES, description: 'Class the verdict leads with; default: the primary analysis\'s (another makes the verdict exploratory)' })
  @IsOptional() @IsIn(PRIMARY_FINDING_CLASSES)
  class?: PrimaryFindingClass;

  @ApiPropertyOptional({ description: 'Minimal important difference of the verdict, as a share (0.1 = 10 points); default: the primary analysis\'s (another makes it exploratory)' })
  @IsOptional() @Type(() => Number) @IsNumber() @Min(0.01) @Max(1)
  minimalImportantDifference?: number;

  @ApiPropertyOptional({ description: 'Follow-up horizon H of the verdict in days; default: the primary analysis\'s rule, e.g. the 90th percentile of detection delays (another makes it exploratory)' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(3650)
  horizonDays?: number;

  @ApiPropertyOptional({ default: 90, description: 'Follow-up a cohort needs before it is used' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650)
  followUpDays?: number;
}

export class ImpactResponse implements AdoptionImpactResponse {
  @ApiProperty() adoption!: VerdictAdoptionSummary;
  @ApiProperty({ enum: DETECTION_STAGES }) boundary!: DetectionStage;
  @ApiProperty() windowDays!: number;
  @ApiProperty() followUpDays!: number;
  @ApiProperty({ description: '`to` is exclusive; the after-window ends at a retirement' }) windows!: AdoptionImpactResponse['windows'];
  @ApiProperty() control!: { services: number };
  @ApiProperty({ description: 'One entry per finding class, and "all": the adopters\' and the control\'s own changes (context, not the verdict)' }) classes!: ImpactClassResult[];
  @ApiProperty({ description: 'The headline: per class, the control-adjusted, cluster-aware verdict of the primary analysis fixed on the adoption, or an exploratory one when the query changes its settings (docs/metrics.md, "Adoption verdict")' })
  verdict!: AdoptionVerdictResponse;
}
