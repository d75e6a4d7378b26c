import { ApiProperty } from '@nestjs/swagger';
import {
  DETECTION_STAGES,
  VERDICT_CODES,
  type DetectionStage,
  type ReportAdoptionMark,
  type ReportComponent,
  type ReportCoverage,
  type ReportHeadline,
  type ReportOpenFinding,
  type ReportRate,
  type ReportTrendPoint,
  type ReportVerdict,
  type TeamReportDto,
  type VerdictCode,
} from '@escapement/domain';

/** The OpenAPI side of `TeamReportDto` (libs/domain/src/api/reports.ts): each class implements its shape. */
export class ReportRateResponse implements ReportRate {
  @ApiProperty() findings!: number;
  @ApiProperty() escaped!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'escaped / findings; null without findings' }) rate!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) ciLow!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) ciHigh!: number | null;
}

export class ReportRateComparison {
  @ApiProperty({ type: ReportRateResponse }) current!: ReportRateResponse;
  @ApiProperty({ type: ReportRateResponse }) previous!: ReportRateResponse;
}

export class ReportCountComparison {
  @ApiProperty() current!: number;
  @ApiProperty() previous!: number;
}

export class ReportHeadlineResponse implements ReportHeadline {
  @ApiProperty({ type: ReportRateComparison }) all!: ReportRateComparison;
  @ApiProperty({ type: ReportRateComparison }) design!: ReportRateComparison;
  @ApiProperty({ type: ReportRateComparison }) pattern!: ReportRateComparison;
  @ApiProperty({ type: ReportCountComparison, description: 'Findings first detected in production' }) productionEscapes!: ReportCountComparison;
  @ApiProperty({ type: ReportCountComparison, description: 'Relative cost of the escapes (docs/metrics.md)' }) escapeCost!: ReportCountComparison;
}

export class ReportTrendPointResponse implements ReportTrendPoint {
  @ApiProperty({ example: '2026-07' }) period!: string;
  @ApiProperty({ type: 'number', nullable: true }) rate!: number | null;
  @ApiProperty() findings!: number;
  @ApiProperty() escaped!: number;
  @ApiProperty({ description: 'False while the follow-up window has not passed' }) mature!: boolean;
}

export class ReportTrendSeries {
  @ApiProperty({ example: 'design' }) key!: string;
  @ApiProperty({ type: [ReportTrendPointResponse] }) points!: ReportTrendPointResponse[];
}

export class ReportAdoptionMarkResponse implements ReportAdoptionMark {
  @ApiProperty({ type: 'string', nullable: true }) team!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) service!: string | null;
  @ApiProperty() practice!: string;
  @ApiProperty() startedAt!: string;
}

export class ReportTrend {
  @ApiProperty() followUpDays!: number;
  @ApiProperty({ type: [ReportTrendSeries] }) series!: ReportTrendSeries[];
  @ApiProperty({ type: [ReportAdoptionMarkResponse] }) adoptions!: ReportAdoptionMarkResponse[];
}

export class ReportVerdictResponse implements ReportVerdict {
  @ApiProperty() subject!: string;
  @ApiProperty({ enum: VERDICT_CODES, nullable: true }) code!: VerdictCode | null;
  @ApiProperty() words!: string;
  @ApiProperty({ type: 'string', nullable: true, description: 'Why there is no verdict' }) unavailable!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) findingClass!: string | null;
  @ApiProperty({ enum: ['primary', 'exploratory'], nullable: true }) analysis!: 'primary' | 'exploratory' | null;
  @ApiProperty({ type: 'number', nullable: true }) estimate!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) ciLow!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) ciHigh!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) pValue!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) adoptingUnits!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) controlUnits!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) horizonDays!: number | null;
  @ApiProperty({ type: 'boolean', nullable: true }) preTrendDiffers!: boolean | null;
  @ApiProperty({ type: 'number', nullable: true }) fallbackShare!: number | null;
}

export class ReportCoverageResponse implements ReportCoverage {
  @ApiProperty() changes!: number;
  @ApiProperty({ type: 'number', nullable: true }) threatModelLinked!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) acceptanceCriteria!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) promptContext!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) reviewedAgainstModel!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) allFour!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) withContextRate!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) withoutContextRate!: number | null;
}

export class ReportComponentResponse implements ReportComponent {
  @ApiProperty({ example: 'payments-api / iam-gateway' }) component!: string;
  @ApiProperty() escaped!: number;
  @ApiProperty() contextGap!: number;
  @ApiProperty() modelGap!: number;
}

export class ReportOpenFindingResponse implements ReportOpenFinding {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() service!: string;
  @ApiProperty({ enum: DETECTION_STAGES }) stage!: DetectionStage;
  @ApiProperty() detectedAt!: string;
  @ApiProperty() gap!: string;
}

export class ReportOpenDesignEscapes {
  @ApiProperty() total!: number;
  @ApiProperty() more!: boolean;
  @ApiProperty({ type: [ReportOpenFindingResponse] }) items!: ReportOpenFindingResponse[];
}

export class ReportPeriod {
  @ApiProperty({ example: '2026-07-01' }) from!: string;
  @ApiProperty({ example: '2026-10-01', description: 'Exclusive' }) to!: string;
  @ApiProperty({ example: '2026-Q3' }) label!: string;
}

export class TeamReportResponse implements TeamReportDto {
  @ApiProperty({ type: 'string', nullable: true, description: "The team's name; null for the organisation" }) team!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) teamId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ type: ReportPeriod }) period!: ReportPeriod;
  @ApiProperty({ type: ReportPeriod }) previousPeriod!: ReportPeriod;
  @ApiProperty({ enum: DETECTION_STAGES }) boundary!: DetectionStage;
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: ReportHeadlineResponse }) headline!: ReportHeadlineResponse;
  @ApiProperty({ type: ReportTrend }) trend!: ReportTrend;
  @ApiProperty({ type: ReportVerdictResponse }) verdict!: ReportVerdictResponse;
  @ApiProperty({ type: ReportCoverageResponse }) coverage!: ReportCoverageResponse;
  @ApiProperty({ type: [ReportComponentResponse] }) components!: ReportComponentResponse[];
  @ApiProperty({ type: ReportOpenDesignEscapes }) openDesignEscapes!: ReportOpenDesignEscapes;
  @ApiProperty({ type: [String] }) nextSteps!: string[];
}
