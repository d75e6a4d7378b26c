import type { ChartTable } from '../../components/ui/chart-download';
import type { AdoptionImpactResponse, EscapeCounts, PrimaryFindingClass, RateSummary } from '@escapement/domain';

/** Whisker lengths below and above a bar, as Recharts' ErrorBar reads them: [rate − low, high − rate]. */
export type Whisker = [number, number];

/** One group of bars: a finding class with its rate before and after the adoption, for the adopting team. */
export interface ImpactBarRow {
  class: PrimaryFindingClass;
  before: number | null;
  beforeWhisker: Whisker | null;
  beforeCounts: EscapeCounts;
  after: number | null;
  afterWhisker: Whisker | null;
  afterCounts: EscapeCounts;
}

function rateOf(counts: EscapeCounts, summary: RateSummary | undefined): { rate: number | null; whisker: Whisker | null } {
  if (summary && summary.rate !== null) {
    const whisker: Whisker | null = summary.ciLow !== null && summary.ciHigh !== null ? [summary.rate - summary.ciLow, summary.ciHigh - summary.rate] : null;
    return { rate: summary.rate, whisker };
  }
  // Without a comparison (one window empty) the other window still has a rate, without an interval.
  return { rate: counts.total > 0 ? counts.escaped / counts.total : null, whisker: null };
}

/** The adopters' escape rate per class before and after, with Wilson whiskers; "all" comes last. */
export function impactBarRows(response: AdoptionImpactResponse): ImpactBarRow[] {
  return response.classes.map((entry) => {
    const { before, after, comparison } = entry.treated;
    const b = rateOf(before, comparison?.before);
    const a = rateOf(after, comparison?.after);
    return { class: entry.class, before: b.rate, beforeWhisker: b.whisker, beforeCounts: before, after: a.rate, afterWhisker: a.whisker, afterCounts: after };
  });
}

/** The bars as CSV, with the test and verdict of each class so that the file stands on its own. */
export function impactCsv(response: AdoptionImpactResponse, label: (key: PrimaryFindingClass) => string): ChartTable {
  const rows = impactBarRows(response);
  return {
    header: [
      'class',
      'before rate',
      'before 95% low',
      'before 95% high',
      'before escaped',
      'before total',
      'after rate',
      'after 95% low',
      'after 95% high',
      'after escaped',
      'after total',
      'test',
      'p-value',
      'verdict',
    ],
    rows: rows.map((row, index) => {
      const comparison = response.classes[index]!.treated.comparison;
      const low = (rate: number | null, whisker: Whisker | null) => (rate !== null && whisker ? rate - whisker[0] : null);
      const high = (rate: number | null, whisker: Whisker | null) => (rate !== null && whisker ? rate + whisker[1] : null);
      return [
        label(row.class),
        row.before,
        low(row.before, row.beforeWhisker),
        high(row.before, row.beforeWhisker),
        row.beforeCounts.escaped,
        row.beforeCounts.total,
        row.after,
        low(row.after, row.afterWhisker),
        high(row.after, row.afterWhisker),
        row.afterCounts.escaped,
        row.afterCounts.total,
        comparison?.test ?? null,
        comparison ? comparison.pValue : null,
        comparison?.verdict ?? null,
      ];
    }),
  };
}
