import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { DETECTION_STAGES, VERDICT_CODES, type DetectionStage, type AdoptionVerdictResponse, type ExploratorySetting, type VerdictAdoptionSummary, type VerdictCode } from '@escapement/domain';
import { PrimaryAnalysisResponse } from '../adoptions/adoption.dto';

/**
 * The response classes of the adoption verdict (`GET /api/v1/metrics/adoption-impact`), one per object of
 * the domain's AdoptionVerdictResponse, so that the OpenAPI description types every member. The classes
 * that implement the domain's response interfaces check the whole tree against them.
 */
const nullableNumber = (description?: string) => ({ nullable: true, type: Number, ...(description ? { description } : {}) });

export class VerdictAdoptionSummaryResponse implements VerdictAdoptionSummary {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) team!: string | null;
  @ApiProperty({ nullable: true, type: String }) service!: string | null;
  @ApiProperty() practice!: string;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String }) retiredAt!: string | null;
}

export class EscapeCountsResponse {
  @ApiProperty() escaped!: number;
  @ApiProperty() total!: number;
}

export class QuantileHorizonRuleResponse {
  @ApiProperty({ enum: ['quantile'] }) kind!: 'quantile';
  @ApiProperty({ description: 'Of the detection delays, e.g. 0.9' }) quantile!: number;
}

export class DaysHorizonRuleResponse {
  @ApiProperty({ enum: ['days'] }) kind!: 'days';
  @ApiProperty() days!: number;
}

@ApiExtraModels(QuantileHorizonRuleResponse, DaysHorizonRuleResponse)
export class FollowUpHorizonResponse {
  @ApiProperty({ description: 'H: an escape counts only when first detected within H days of the flaw\'s introduction' }) horizonDays!: number;
  @ApiProperty({ oneOf: [{ $ref: getSchemaPath(QuantileHorizonRuleResponse) }, { $ref: getSchemaPath(DaysHorizonRuleResponse) }] })
  rule!: QuantileHorizonRuleResponse | DaysHorizonRuleResponse;
  @ApiProperty({ description: 'Whether H came from the data' }) estimated!: boolean;
  @ApiProperty() findings!: number;
  @ApiProperty() escapes!: number;
  @ApiProperty(nullableNumber()) eventualEscapeShare!: number | null;
  @ApiProperty(nullableNumber('Estimated share of escapes arriving after H days, which the comparison does not count')) shareAfterHorizon!: number | null;
  @ApiProperty() words!: string;
}

export class VerdictResponse {
  @ApiProperty({ enum: VERDICT_CODES }) code!: VerdictCode;
  @ApiProperty({ description: 'What the figures say, and what they cannot tell' }) words!: string;
}

export class IntervalResponse {
  @ApiProperty() low!: number;
  @ApiProperty() high!: number;
}

export class EstimateIntervalResponse extends IntervalResponse {
  @ApiProperty() estimate!: number;
}

export class RandomisationSummaryResponse {
  @ApiProperty({ enum: ['exact', 'monte-carlo'] }) method!: 'exact' | 'monte-carlo';
  @ApiProperty({ description: 'Distinct assignments of the design' }) assignments!: number;
  @ApiProperty({ description: 'Assignments actually evaluated' }) evaluated!: number;
  @ApiProperty() smallestPossiblePValue!: number;
  @ApiProperty() monteCarloError!: number;
}

export class VerdictUnitsResponse {
  @ApiProperty() adopting!: number;
  @ApiProperty() control!: number;
}

export class WindowCountsResponse {
  @ApiProperty({ type: EscapeCountsResponse }) before!: EscapeCountsResponse;
  @ApiProperty({ type: EscapeCountsResponse }) after!: EscapeCountsResponse;
}

export class VerdictCountsResponse {
  @ApiProperty({ type: WindowCountsResponse }) treated!: WindowCountsResponse;
  @ApiProperty({ type: WindowCountsResponse }) control!: WindowCountsResponse;
}

export class EventStudyPointResponse {
  @ApiProperty({ description: 'Quarter relative to adoption: −1 is the reference quarter before, 0 the first after' }) quarter!: number;
  @ApiProperty(nullableNumber()) estimate!: number | null;
  @ApiProperty(nullableNumber()) low!: number | null;
  @ApiProperty(nullableNumber()) high!: number | null;
}

export class PreTrendResponse {
  @ApiProperty(nullableNumber()) pValue!: number | null;
  @ApiProperty() differs!: boolean;
}

export class SensitivityResponse {
  @ApiProperty(nullableNumber()) estimate!: number | null;
  @ApiProperty(nullableNumber()) low!: number | null;
  @ApiProperty(nullableNumber()) high!: number | null;
  @ApiProperty(nullableNumber()) pValue!: number | null;
  @ApiProperty({ enum: VERDICT_CODES }) code!: VerdictCode;
}

export class ClassVerdictResponse {
  @ApiProperty() findingClass!: string;
  @ApiProperty() primary!: boolean;
  @ApiProperty({ type: VerdictResponse }) verdict!: VerdictResponse;
  @ApiProperty(nullableNumber('Difference in differences of escape rates; negative = fewer escapes')) estimate!: number | null;
  @ApiProperty({ nullable: true, type: IntervalResponse, description: '95%: the wider of the MOVER and the randomisation interval' }) interval!: IntervalResponse | null;
  @ApiProperty({ nullable: true, type: IntervalResponse }) moverInterval!: IntervalResponse | null;
  @ApiProperty(nullableNumber('Randomisation p-value, two-sided')) pValue!: number | null;
  @ApiProperty(nullableNumber('After Holm\'s adjustment across the analysed classes')) adjustedPValue!: number | null;
  @ApiProperty() method!: string;
  @ApiProperty({ nullable: true, type: RandomisationSummaryResponse }) randomisation!: RandomisationSummaryResponse | null;
  @ApiProperty({ type: VerdictUnitsResponse }) units!: VerdictUnitsResponse;
  @ApiProperty({ nullable: true, type: VerdictCountsResponse }) counts!: VerdictCountsResponse | null;
  @ApiProperty({ nullable: true, type: EstimateIntervalResponse, description: 'The adopters\' own change: context only' }) adoptersOwnChange!: EstimateIntervalResponse | null;
  @ApiProperty(nullableNumber()) powerAtMinimalImportantDifference!: number | null;
  @ApiProperty({ type: [EventStudyPointResponse] }) eventStudy!: EventStudyPointResponse[];
  @ApiProperty({ type: PreTrendResponse }) preTrend!: PreTrendResponse;
  @ApiProperty(nullableNumber('Share of findings dated by detection for want of an introduction date')) fallbackShare!: number | null;
  @ApiProperty({ nullable: true, type: SensitivityResponse, description: 'The same analysis with every finding dated by its first detection' }) sensitivity!: SensitivityResponse | null;
}

export class AdoptionVerdictResponseBody implements AdoptionVerdictResponse {
  @ApiProperty({ enum: DETECTION_STAGES }) boundary!: DetectionStage;
  @ApiProperty({ type: FollowUpHorizonResponse }) horizon!: FollowUpHorizonResponse;
  @ApiProperty({ description: 'Cohorts on or after this day have not had the follow-up and are not used' }) cohortsUntil!: string;
  @ApiProperty() windowDays!: number;
  @ApiProperty() alpha!: number;
  @ApiProperty() minimalImportantDifference!: number;
  @ApiProperty() primaryClass!: string;
  @ApiProperty({ description: 'Adopters and clean candidates for control' }) units!: number;
  @ApiProperty({ type: [ClassVerdictResponse] }) classes!: ClassVerdictResponse[];
  @ApiProperty({ enum: ['primary', 'exploratory'] }) analysis!: 'primary' | 'exploratory';
  @ApiProperty({ type: PrimaryAnalysisResponse }) primaryAnalysis!: PrimaryAnalysisResponse;
  @ApiProperty({ enum: ['class', 'boundary', 'horizon', 'minimalImportantDifference'], isArray: true, description: 'Settings the query changed; empty for the primary analysis' })
  exploratorySettings!: ExploratorySetting[];
  @ApiProperty({ type: [VerdictAdoptionSummaryResponse] }) adoptions!: VerdictAdoptionSummaryResponse[];
}
