import type { AdoptionVerdictResponse } from '../api/adoption-verdict';
import type { ChangeContextComparisonDto, ChangeContextMetricDto, ChangeCoveragePointDto } from '../api/changes';
import type { EscapeRateResponse } from '../api/escape-rate';
import type { ClassVerdict } from '../adoption-verdict/adoption-verdict';
import type { ContainmentRow, EscapeCost } from '../metrics/containment';
import { DETECTION_STAGES, type DetectionStage } from '../model/detection-stage';
import type { ExportColumn, ExportTable } from './export-table';

/** A table and its rows, as a metric export writes them (one XLSX sheet each; CSV takes the first). */
export interface MetricSheet<T = unknown> {
  table: ExportTable<T>;
  rows: T[];
}

const sheet = <T>(name: string, columns: ExportColumn<T>[], rows: T[]): MetricSheet => ({ table: { sheet: name, columns }, rows }) as MetricSheet;

type RatePoint = { series: string; period: string; total: number; escaped: number; rate: number | null; ciLow: number | null; ciHigh: number | null; mature: boolean };

/** `escape-rate`: one row per series and period. */
export function escapeRateSheets(response: EscapeRateResponse): MetricSheet[] {
  const rows: RatePoint[] = response.series.flatMap((s) => s.points.map((p) => ({ series: s.key, ...p })));
  return [
    sheet<RatePoint>('Escape rate', [
      { header: response.groupBy, type: 'text', width: 20, value: (r) => r.series },
      { header: 'period', type: 'text', width: 12, value: (r) => r.period },
      { header: 'findings', type: 'number', width: 10, value: (r) => r.total },
      { header: 'escaped', type: 'number', width: 10, value: (r) => r.escaped },
      { header: 'escape_rate', type: 'number', width: 12, value: (r) => r.rate },
      { header: 'ci_low', type: 'number', width: 10, value: (r) => r.ciLow },
      { header: 'ci_high', type: 'number', width: 10, value: (r) => r.ciHigh },
      { header: 'mature', type: 'boolean', width: 9, value: (r) => r.mature },
      { header: 'boundary', type: 'text', width: 12, value: () => response.boundary },
      { header: 'follow_up_days', type: 'number', width: 14, value: () => response.followUpDays },
    ], rows),
  ];
}

/** `adoption-impact`: the control-adjusted verdict per class (the headline), one row each. */
export function adoptionVerdictSheets(verdict: AdoptionVerdictResponse): MetricSheet[] {
  const adoptions = verdict.adoptions.map((a) => `${a.team ?? a.service ?? ''} ${a.practice} from ${a.startedAt}`).join('; ');
  return [
    sheet<ClassVerdict>('Adoption verdict', [
      { header: 'class', type: 'text', width: 12, value: (c) => c.findingClass },
      { header: 'primary', type: 'boolean', width: 9, value: (c) => c.primary },
      { header: 'analysis', type: 'text', width: 12, value: () => verdict.analysis },
      { header: 'verdict', type: 'text', width: 20, value: (c) => c.verdict.code },
      { header: 'verdict_words', type: 'text', width: 60, value: (c) => c.verdict.words },
      { header: 'estimate', type: 'number', width: 10, value: (c) => c.estimate },
      { header: 'ci_low', type: 'number', width: 10, value: (c) => c.interval?.low ?? null },
      { header: 'ci_high', type: 'number', width: 10, value: (c) => c.interval?.high ?? null },
      { header: 'p_value', type: 'number', width: 10, value: (c) => c.pValue },
      { header: 'p_value_holm', type: 'number', width: 12, value: (c) => c.adjustedPValue },
      { header: 'method', type: 'text', width: 30, value: (c) => c.method },
      { header: 'adopting_units', type: 'number', width: 10, value: (c) => c.units.adopting },
      { header: 'control_units', type: 'number', width: 10, value: (c) => c.units.control },
      { header: 'adopters_before_escaped', type: 'number', width: 10, value: (c) => c.counts?.treated.before.escaped ?? null },
      { header: 'adopters_before_findings', type: 'number', width: 10, value: (c) => c.counts?.treated.before.total ?? null },
      { header: 'adopters_after_escaped', type: 'number', width: 10, value: (c) => c.counts?.treated.after.escaped ?? null },
      { header: 'adopters_after_findings', type: 'number', width: 10, value: (c) => c.counts?.treated.after.total ?? null },
      { header: 'control_before_escaped', type: 'number', width: 10, value: (c) => c.counts?.control.before.escaped ?? null },
      { header: 'control_before_findings', type: 'number', width: 10, value: (c) => c.counts?.control.before.total ?? null },
      { header: 'control_after_escaped', type: 'number', width: 10, value: (c) => c.counts?.control.after.escaped ?? null },
      { header: 'control_after_findings', type: 'number', width: 10, value: (c) => c.counts?.control.after.total ?? null },
      { header: 'pre_trend_differs', type: 'boolean', width: 10, value: (c) => c.preTrend.differs },
      { header: 'fallback_share', type: 'number', width: 10, value: (c) => c.fallbackShare },
      { header: 'horizon_days', type: 'number', width: 10, value: () => verdict.horizon.horizonDays },
      { header: 'boundary', type: 'text', width: 12, value: () => verdict.boundary },
      { header: 'minimal_important_difference', type: 'number', width: 10, value: () => verdict.minimalImportantDifference },
      { header: 'adoptions', type: 'text', width: 40, value: () => adoptions },
    ], verdict.classes),
  ];
}

type ContainmentLine = ContainmentRow & { cost: EscapeCost | undefined };

/** `containment`: one row per class (or grouping), counts and share stopped by each stage, and the cost. */
export function containmentSheets(response: { groupBy: string; rows: ContainmentRow[]; cost: { byKey: Record<string, EscapeCost> } }): MetricSheet[] {
  const stageColumns = (stage: DetectionStage): ExportColumn<ContainmentLine>[] => [
    { header: `found_${stage}`, type: 'number', width: 10, value: (r) => r.counts[stage] },
    { header: `stopped_by_${stage}_share`, type: 'number', width: 12, value: (r) => r.cumulativeShare[stage] },
  ];
  return [
    sheet<ContainmentLine>('Containment', [
      { header: response.groupBy, type: 'text', width: 20, value: (r) => r.key },
      { header: 'findings', type: 'number', width: 10, value: (r) => r.total },
      ...DETECTION_STAGES.flatMap(stageColumns),
      { header: 'relative_cost', type: 'number', width: 12, value: (r) => r.cost?.total ?? null },
    ], response.rows.map((r) => ({ ...r, cost: response.cost.byKey[r.key] }))),
  ];
}

/** `change-context`: the with/without comparisons, and coverage per team and month on a second sheet. */
export function changeContextSheets(metric: ChangeContextMetricDto): MetricSheet[] {
  return [
    sheet<ChangeContextComparisonDto>('Change context', [
      { header: 'flag', type: 'text', width: 22, value: (c) => c.flag },
      { header: 'class', type: 'text', width: 10, value: (c) => c.findingClass },
      { header: 'with_changes', type: 'number', width: 10, value: (c) => c.with.changes },
      { header: 'with_findings', type: 'number', width: 10, value: (c) => c.with.findings },
      { header: 'with_escaped', type: 'number', width: 10, value: (c) => c.with.escaped },
      { header: 'with_escape_rate', type: 'number', width: 10, value: (c) => c.with.rate },
      { header: 'without_changes', type: 'number', width: 10, value: (c) => c.without.changes },
      { header: 'without_unknown', type: 'number', width: 10, value: (c) => c.without.unknown },
      { header: 'without_findings', type: 'number', width: 10, value: (c) => c.without.findings },
      { header: 'without_escaped', type: 'number', width: 10, value: (c) => c.without.escaped },
      { header: 'without_escape_rate', type: 'number', width: 10, value: (c) => c.without.rate },
      { header: 'difference', type: 'number', width: 10, value: (c) => c.difference?.estimate ?? null },
      { header: 'difference_low', type: 'number', width: 10, value: (c) => c.difference?.low ?? null },
      { header: 'difference_high', type: 'number', width: 10, value: (c) => c.difference?.high ?? null },
      { header: 'odds_ratio_team_quarter', type: 'number', width: 10, value: (c) => c.stratified.oddsRatio },
      { header: 'cluster_p_value', type: 'number', width: 10, value: (c) => c.stratified.clusterPValue },
      { header: 'horizon_days', type: 'number', width: 10, value: () => metric.horizonDays },
    ], metric.comparisons),
    sheet<ChangeCoveragePointDto>('Coverage', [
      { header: 'period', type: 'text', width: 12, value: (c) => c.period },
      { header: 'team', type: 'text', width: 20, value: (c) => c.teamName },
      { header: 'changes', type: 'number', width: 10, value: (c) => c.changes },
      { header: 'threat_model_linked', type: 'number', width: 10, value: (c) => c.threatModelLinked },
      { header: 'acceptance_criteria', type: 'number', width: 10, value: (c) => c.acceptanceCriteria },
      { header: 'prompt_context', type: 'number', width: 10, value: (c) => c.promptContext },
      { header: 'reviewed_against_model', type: 'number', width: 10, value: (c) => c.reviewedAgainstModel },
      { header: 'all_four', type: 'number', width: 10, value: (c) => c.all },
    ], metric.coverage),
  ];
}
