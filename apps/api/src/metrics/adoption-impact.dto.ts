import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DETECTION_STAGES,
  PRIMARY_FINDING_CLASSES,
  type AdoptionImpactResponse,
  type DetectionStage,
  type ImpactArm,
  type ImpactClassResult,
  type PracticeImpactResponse,
  type PrimaryFindingClass,
} from '@escapement/domain';
import { AdoptionVerdictResponseBody, EscapeCountsResponse, EstimateIntervalResponse, VerdictAdoptionSummaryResponse } from './adoption-verdict.dto';
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

export class ImpactWindowResponse {
  @ApiProperty() from!: string;
  @ApiProperty({ description: 'Exclusive' }) to!: string;
}

export class ImpactWindowsResponse {
  @ApiProperty({ type: ImpactWindowResponse }) before!: ImpactWindowResponse;
  @ApiProperty({ type: ImpactWindowResponse, description: 'Ends at a retirement' }) after!: ImpactWindowResponse;
}

export class ImpactControlResponse {
  @ApiProperty({ description: 'Services in the control group' }) services!: number;
}

export class RateSummaryResponse {
  @ApiProperty() escaped!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ nullable: true, type: Number }) rate!: number | null;
  @ApiProperty({ nullable: true, type: Number }) ciLow!: number | null;
  @ApiProperty({ nullable: true, type: Number }) ciHigh!: number | null;
}

export class RelativeRiskResponse {
  @ApiProperty() rr!: number;
  @ApiProperty() low!: number;
  @ApiProperty() high!: number;
  @ApiProperty({ description: "Haldane's correction was applied" }) corrected!: boolean;
}

export class DetectableDifferenceResponse {
  @ApiProperty({ nullable: true, type: Number }) decrease!: number | null;
  @ApiProperty({ nullable: true, type: Number }) increase!: number | null;
}

export class ProportionComparisonResponse {
  @ApiProperty({ type: RateSummaryResponse }) before!: RateSummaryResponse;
  @ApiProperty({ type: RateSummaryResponse }) after!: RateSummaryResponse;
  @ApiProperty({ nullable: true, type: EstimateIntervalResponse, description: 'after − before (Newcombe)' }) difference!: EstimateIntervalResponse | null;
  @ApiProperty({ nullable: true, type: RelativeRiskResponse }) relativeRisk!: RelativeRiskResponse | null;
  @ApiProperty({ enum: ['fisher', 'z'] }) test!: 'fisher' | 'z';
  @ApiProperty() smallestExpectedCount!: number;
  @ApiProperty() pValue!: number;
  @ApiProperty({ nullable: true, type: Number, description: "Cohen's h" }) effectSize!: number | null;
  @ApiProperty() power!: number;
  @ApiProperty() underpowered!: boolean;
  @ApiProperty({ nullable: true, type: DetectableDifferenceResponse }) minimumDetectableDifference!: DetectableDifferenceResponse | null;
  @ApiProperty({ enum: ['likely real', 'could be chance'] }) verdict!: 'likely real' | 'could be chance';
}

export class ImpactArmResponse implements ImpactArm {
  @ApiProperty({ type: EscapeCountsResponse }) before!: EscapeCountsResponse;
  @ApiProperty({ type: EscapeCountsResponse }) after!: EscapeCountsResponse;
  @ApiProperty({ nullable: true, type: ProportionComparisonResponse, description: 'null when a window is empty' }) comparison!: ProportionComparisonResponse | null;
}

export class ContrastIntervalResponse {
  @ApiProperty() estimate!: number;
  @ApiProperty() centre!: number;
  @ApiProperty() low!: number;
  @ApiProperty() high!: number;
  @ApiProperty() standardError!: number;
  @ApiProperty() z!: number;
  @ApiProperty() pValue!: number;
  @ApiProperty({ enum: ['wald', 'adjusted-wald'] }) method!: 'wald' | 'adjusted-wald';
}

export class ImpactClassResponse implements ImpactClassResult {
  @ApiProperty({ enum: PRIMARY_FINDING_CLASSES }) class!: PrimaryFindingClass;
  @ApiProperty({ type: ImpactArmResponse }) treated!: ImpactArmResponse;
  @ApiProperty({ type: ImpactArmResponse }) control!: ImpactArmResponse;
  @ApiProperty({ nullable: true, type: ContrastIntervalResponse, description: 'Findings taken as independent: context only' }) differenceInDifferences!: ContrastIntervalResponse | null;
}

export class ImpactResponse implements AdoptionImpactResponse {
  @ApiProperty({ type: VerdictAdoptionSummaryResponse }) adoption!: VerdictAdoptionSummaryResponse;
  @ApiProperty({ enum: DETECTION_STAGES }) boundary!: DetectionStage;
  @ApiProperty() windowDays!: number;
  @ApiProperty() followUpDays!: number;
  @ApiProperty({ type: ImpactWindowsResponse, description: '`to` is exclusive; the after-window ends at a retirement' }) windows!: ImpactWindowsResponse;
  @ApiProperty({ type: ImpactControlResponse }) control!: ImpactControlResponse;
  @ApiProperty({ type: [ImpactClassResponse], description: 'One entry per finding class, and "all": the adopters\' and the control\'s own changes (context, not the verdict)' }) classes!: ImpactClassResponse[];
  @ApiProperty({ type: AdoptionVerdictResponseBody, description: 'The headline: per class, the control-adjusted, cluster-aware verdict of the primary analysis fixed on the adoption, or an exploratory one when the query changes its settings (docs/metrics.md, "Adoption verdict")' })
  verdict!: AdoptionVerdictResponseBody;
}

/** `?practice=NAME`: every adoption of the practice, analysed together. */
export class PracticeImpactResponseBody implements PracticeImpactResponse {
  @ApiProperty() practice!: string;
  @ApiProperty({ type: AdoptionVerdictResponseBody }) verdict!: AdoptionVerdictResponseBody;
}
