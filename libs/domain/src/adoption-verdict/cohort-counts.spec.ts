import { countCohorts } from './cohort-counts';
import type { VerdictFinding } from './verdict-input';

const base: VerdictFinding = { unit: 'a', team: 't', findingClass: 'design', cohortDate: '2026-01-01', cohortDateIsFallback: false, firstDetectedAt: '2026-01-05', firstStage: 'ci' };

describe(countCohorts.name, () => {
  const sut = countCohorts;

  it('counts a finding only when first detected within H days, and as an escape when at or after the boundary', () => {
    const findings: VerdictFinding[] = [
      base,
      { ...base, firstStage: 'code_review' },
      { ...base, firstDetectedAt: '2026-04-01', firstStage: 'production' }, // 90 days: within H = 90
      { ...base, firstDetectedAt: '2026-04-02', firstStage: 'production' }, // 91 days: after H, not counted at all
      { ...base, cohortDateIsFallback: true, cohortDate: '2026-01-05', firstStage: 'design' },
    ];
    const result = sut(findings, 'ci', 90);
    expect(result).toEqual([
      { unit: 'a', findingClass: 'design', cohortDate: '2026-01-01', total: 3, escaped: 2, fallback: 0 },
      { unit: 'a', findingClass: 'design', cohortDate: '2026-01-05', total: 1, escaped: 0, fallback: 1 },
    ]);
  });

  it('counts an aggregated record as its count of findings', () => {
    expect(sut([{ ...base, count: 7 }, { ...base, firstStage: 'design', count: 3 }], 'ci', 90)).toEqual([{ unit: 'a', findingClass: 'design', cohortDate: '2026-01-01', total: 10, escaped: 7, fallback: 0 }]);
  });

  it('dates every finding by its first detection for the sensitivity analysis', () => {
    const result = sut([base, { ...base, firstDetectedAt: '2026-09-01', firstStage: 'production' }], 'production', 90, 'detection');
    expect(result).toEqual([
      { unit: 'a', findingClass: 'design', cohortDate: '2026-01-05', total: 1, escaped: 0, fallback: 1 },
      { unit: 'a', findingClass: 'design', cohortDate: '2026-09-01', total: 1, escaped: 1, fallback: 1 },
    ]);
  });
});
