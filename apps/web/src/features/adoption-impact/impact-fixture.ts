import type { AdoptionImpactResponse, ImpactComparison } from './types';

/** A comparison as the API gives it, for specs: 30% → 18% over 100 findings each. */
export function comparisonFixture(overrides: Partial<ImpactComparison> = {}): ImpactComparison {
  return {
    before: { escaped: 30, total: 100, rate: 0.3, ciLow: 0.22, ciHigh: 0.4 },
    after: { escaped: 18, total: 100, rate: 0.18, ciLow: 0.12, ciHigh: 0.27 },
    difference: { estimate: -0.12, low: -0.237, high: 0.002 },
    relativeRisk: { rr: 0.6, low: 0.36, high: 1.0, corrected: false },
    test: 'z',
    smallestExpectedCount: 24,
    pValue: 0.0455,
    effectSize: -0.28,
    power: 0.52,
    underpowered: true,
    minimumDetectableDifference: { decrease: -0.17, increase: 0.19 },
    verdict: 'could be chance',
    ...overrides,
  };
}

export function impactFixture(): AdoptionImpactResponse {
  const arm = (comparison: ImpactComparison | null) => ({ before: { escaped: 30, total: 100 }, after: { escaped: 18, total: 100 }, comparison });
  return {
    adoption: { id: 'a1', team: 'Payments', service: null, practice: 'context-aware-development', startedAt: '2026-01-01' },
    boundary: 'ci',
    windowDays: 120,
    followUpDays: 90,
    windows: { before: { from: '2025-09-03', to: '2026-01-01' }, after: { from: '2026-01-01', to: '2026-05-01' } },
    control: { services: 4 },
    classes: [
      { class: 'design', treated: arm(comparisonFixture()), control: arm(comparisonFixture()), differenceInDifferences: null },
      {
        class: 'pattern',
        treated: { before: { escaped: 0, total: 0 }, after: { escaped: 2, total: 10 }, comparison: null },
        control: arm(null),
        differenceInDifferences: null,
      },
    ],
  };
}
