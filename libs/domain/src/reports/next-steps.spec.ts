import type { TeamReportDto } from '../api/reports';
import { nextSteps } from './next-steps';
import { reportRate } from './report-figures';

function aReport(overrides: Partial<TeamReportDto> = {}): Omit<TeamReportDto, 'nextSteps'> {
  const rate = reportRate(10, 100);
  return {
    team: 'Payments',
    teamId: 't1',
    title: 'Payments — 2026-Q3',
    period: { from: '2026-07-01', to: '2026-10-01', label: '2026-Q3' },
    previousPeriod: { from: '2026-04-01', to: '2026-07-01', label: '2026-Q2' },
    boundary: 'ci',
    generatedAt: '2026-12-05T10:00:00.000Z',
    headline: {
      all: { current: rate, previous: rate },
      design: { current: rate, previous: rate },
      pattern: { current: rate, previous: rate },
      productionEscapes: { current: 1, previous: 1 },
      escapeCost: { current: 10, previous: 10 },
    },
    trend: { followUpDays: 90, series: [], adoptions: [] },
    verdict: { subject: 'Payments', code: 'likely-real', words: '', unavailable: null, findingClass: 'design', analysis: 'primary', estimate: -0.1, ciLow: -0.2, ciHigh: -0.05, pValue: 0.01, adoptingUnits: 2, controlUnits: 5, horizonDays: 120, preTrendDiffers: false, fallbackShare: 0.1 },
    coverage: { changes: 40, threatModelLinked: 0.9, acceptanceCriteria: 0.8, promptContext: 0.7, reviewedAgainstModel: 0.9, allFour: 0.6, withContextRate: 0.05, withoutContextRate: 0.2 },
    components: [],
    openDesignEscapes: { total: 0, more: false, items: [] },
    ...overrides,
  };
}

describe(nextSteps.name, () => {
  it('says nothing when nothing stands out', () => {
    expect(nextSteps(aReport())).toEqual([]);
  });

  it('names the component whose threats were modelled but escaped, before the one the model missed', () => {
    const sut = nextSteps(
      aReport({
        components: [
          { component: 'payments-api / iam-gateway', escaped: 4, contextGap: 3, modelGap: 1 },
          { component: 'payments-api / ledger', escaped: 2, contextGap: 0, modelGap: 2 },
        ],
      }),
    );
    expect(sut).toEqual([
      'Three escapes in payments-api / iam-gateway were already in the threat model: the context did not reach the code. Check that its threats reach tickets, prompts and reviews.',
      'Two escapes in payments-api / ledger were in no threat of the model: the threat model missed them. Review the model of payments-api / ledger.',
    ]);
  });

  it('points at open escaped design-level findings, a rising rate, low coverage and a missing verdict', () => {
    const sut = nextSteps(
      aReport({
        headline: { ...aReport().headline, all: { current: reportRate(30, 100), previous: reportRate(10, 100) } },
        openDesignEscapes: {
          total: 2,
          more: false,
          items: [
            { id: 'a', title: 'Refund without owner check', severity: 'high', service: 'payments-api', stage: 'production', detectedAt: '2026-08-02T00:00:00.000Z', gap: 'context_gap' },
            { id: 'b', title: 'Later one', severity: 'medium', service: 'payments-api', stage: 'ci', detectedAt: '2026-09-02T00:00:00.000Z', gap: 'model_gap' },
          ],
        },
        coverage: { ...aReport().coverage, allFour: 0.25 },
        verdict: { ...aReport().verdict, code: null, unavailable: 'no adoption is recorded for Payments' },
      }),
    );
    expect(sut).toEqual([
      'The escape rate rose from 10% to 30% against 2026-Q2: look at which classes and services drove it.',
      '2 escaped design-level findings are still open, the oldest found on 2026-08-02 (“Refund without owner check”).',
      'Only 25% of 40 changes carried all four context flags: the practice is not yet routine.',
      'No adoption verdict yet: no adoption is recorded for Payments.',
    ]);
  });

  it('does not compare rates of small periods, and keeps to the limit', () => {
    const small = aReport({ headline: { ...aReport().headline, all: { current: reportRate(5, 10), previous: reportRate(0, 10) } } });
    expect(nextSteps(small)).toEqual([]);
    const busy = aReport({
      components: [{ component: 'c', escaped: 9, contextGap: 5, modelGap: 4 }],
      openDesignEscapes: { total: 1, more: false, items: [] },
      coverage: { ...aReport().coverage, allFour: 0.1 },
      verdict: { ...aReport().verdict, code: 'too-little-data' },
    });
    expect(nextSteps(busy, 3)).toHaveLength(3);
  });
});
