import type { VerdictCode } from '../adoption-verdict/adoption-verdict';
import type { DetectionStage } from '../model/detection-stage';

/** A period's escape figures, for one class or for every finding. */
export interface ReportRate {
  findings: number;
  escaped: number;
  /** escaped / findings; null without findings. */
  rate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/** The headline: this period against the one before, by class and in total. */
export interface ReportHeadline {
  all: { current: ReportRate; previous: ReportRate };
  design: { current: ReportRate; previous: ReportRate };
  pattern: { current: ReportRate; previous: ReportRate };
  /** Findings first detected in production (the "production escapes" view). */
  productionEscapes: { current: number; previous: number };
  /** Relative cost of the escapes (stage × severity weights, docs/metrics.md). */
  escapeCost: { current: number; previous: number };
}

export interface ReportTrendPoint {
  period: string;
  rate: number | null;
  findings: number;
  escaped: number;
  mature: boolean;
}

export interface ReportAdoptionMark {
  team: string | null;
  service: string | null;
  practice: string;
  startedAt: string;
}

/** The control-adjusted verdict of the team's adoption (or of the practice, pooled, for the organisation). */
export interface ReportVerdict {
  /** What was analysed, in words ("Payments adopted context-aware-development on 2026-02-01"). */
  subject: string;
  /** null when there is no verdict (no adoption, or too little mature data): `unavailable` says why. */
  code: VerdictCode | null;
  words: string;
  unavailable: string | null;
  findingClass: string | null;
  analysis: 'primary' | 'exploratory' | null;
  estimate: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  adoptingUnits: number | null;
  controlUnits: number | null;
  horizonDays: number | null;
  preTrendDiffers: boolean | null;
  fallbackShare: number | null;
}

export interface ReportCoverage {
  changes: number;
  /** Share of the period's changes carrying each flag, and all four; null without changes. */
  threatModelLinked: number | null;
  acceptanceCriteria: number | null;
  promptContext: number | null;
  reviewedAgainstModel: number | null;
  allFour: number | null;
  /** Escape rates of findings from changes with all four flags and without (null when a side has none). */
  withContextRate: number | null;
  withoutContextRate: number | null;
}

export interface ReportComponent {
  /** "payments-api / iam-gateway": the threat model's service and the component. */
  component: string;
  escaped: number;
  contextGap: number;
  modelGap: number;
}

export interface ReportOpenFinding {
  id: string;
  title: string;
  severity: string;
  service: string;
  stage: DetectionStage;
  detectedAt: string;
  gap: string;
}

/** `GET /api/v1/reports/team?team=&from=&to=`: everything the printable report and its PDF show. */
export interface TeamReportDto {
  /** The team's name, or null for the organisation. */
  team: string | null;
  teamId: string | null;
  title: string;
  /** `to` is exclusive. */
  period: { from: string; to: string; label: string };
  previousPeriod: { from: string; to: string; label: string };
  boundary: DetectionStage;
  generatedAt: string;
  headline: ReportHeadline;
  /** Monthly escape rate per class over the year up to the period's end; immature months flagged. */
  trend: { followUpDays: number; series: { key: string; points: ReportTrendPoint[] }[]; adoptions: ReportAdoptionMark[] };
  verdict: ReportVerdict;
  coverage: ReportCoverage;
  components: ReportComponent[];
  openDesignEscapes: { total: number; more: boolean; items: ReportOpenFinding[] };
  nextSteps: string[];
}
