import type { AdoptionImpactResponse, AdoptionVerdictResponse, ClassVerdict, ProportionComparison } from '@escapement/domain';

/** A comparison as the API gives it, for specs: 30% → 18% over 100 findings each. */
export function comparisonFixture(overrides: Partial<ProportionComparison> = {}): ProportionComparison {
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
  const arm = (comparison: ProportionComparison | null) => ({ before: { escaped: 30, total: 100 }, after: { escaped: 18, total: 100 }, comparison });
  return {
    adoption: { id: 'a1', team: 'Payments', service: null, practice: 'context-aware-development', startedAt: '2026-01-01', retiredAt: null },
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
    verdict: verdictFixture(),
  };
}

/** One class of a verdict as the API gives it: −3.7 points against 3 control services, not tested as real. */
export function classVerdictFixture(overrides: Partial<ClassVerdict> = {}): ClassVerdict {
  return {
    findingClass: 'design',
    primary: true,
    verdict: { code: 'too-little-data', words: 'Could be chance.' },
    estimate: -0.037,
    interval: { low: -0.105, high: 0.031 },
    moverInterval: { low: -0.09, high: 0.02 },
    pValue: 0.29,
    adjustedPValue: 0.58,
    method: 'stacked difference in differences',
    randomisation: { method: 'exact', assignments: 56, evaluated: 56, smallestPossiblePValue: 1 / 56, monteCarloError: 0 },
    units: { adopting: 3, control: 5 },
    counts: {
      treated: { before: { escaped: 30, total: 100 }, after: { escaped: 18, total: 100 } },
      control: { before: { escaped: 40, total: 200 }, after: { escaped: 30, total: 200 } },
    },
    adoptersOwnChange: { estimate: -0.12, low: -0.237, high: 0.002 },
    powerAtMinimalImportantDifference: 0.6,
    eventStudy: [
      { quarter: -2, estimate: 0.01, low: -0.04, high: 0.06 },
      { quarter: -1, estimate: 0, low: null, high: null },
      { quarter: 0, estimate: -0.04, low: -0.1, high: 0.02 },
    ],
    preTrend: { pValue: 0.4, differs: false },
    fallbackShare: 0.25,
    sensitivity: { estimate: -0.05, low: -0.12, high: 0.02, pValue: 0.2, code: 'too-little-data' },
    ...overrides,
  };
}

export function verdictFixture(overrides: Partial<AdoptionVerdictResponse> = {}): AdoptionVerdictResponse {
  return {
    boundary: 'ci',
    horizon: {
      horizonDays: 217,
      rule: { kind: 'quantile', quantile: 0.9 },
      estimated: true,
      findings: 900,
      escapes: 300,
      eventualEscapeShare: 0.3,
      shareAfterHorizon: 0.08,
      words: '',
    },
    cohortsUntil: '2026-05-01',
    windowDays: 364,
    alpha: 0.05,
    minimalImportantDifference: 0.1,
    primaryClass: 'design',
    units: 8,
    classes: [
      classVerdictFixture(),
      classVerdictFixture({ findingClass: 'pattern', primary: false, verdict: { code: 'no-important-change', words: 'No change.' } }),
    ],
    analysis: 'primary',
    primaryAnalysis: { findingClass: 'design', boundary: 'ci', horizonRule: 'p90', minimalImportantDifference: 0.1 },
    exploratorySettings: [],
    adoptions: [{ id: 'a1', team: 'Payments', service: null, practice: 'context-aware-development', startedAt: '2026-01-01', retiredAt: null }],
    ...overrides,
  };
}
