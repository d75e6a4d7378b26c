import { containmentMatrix, DEFAULT_COST_WEIGHTS, escapeCost } from './containment';

describe(containmentMatrix.name, () => {
  const sut = containmentMatrix;

  it('counts findings per stage and the cumulative share stopped at or before each stage, in stage order', () => {
    const [design] = sut([
      { key: 'design', stage: 'production', count: 2 },
      { key: 'design', stage: 'design', count: 3 },
      { key: 'design', stage: 'ci', count: 5 },
    ]);
    expect(design).toEqual({
      key: 'design',
      total: 10,
      counts: { design: 3, code_review: 0, ci: 5, pre_release: 0, production: 2 },
      cumulative: { design: 3, code_review: 3, ci: 8, pre_release: 8, production: 10 },
      cumulativeShare: { design: 0.3, code_review: 0.3, ci: 0.8, pre_release: 0.8, production: 1 },
    });
  });

  it('adds up repeated rows and keeps keys in the order they first appear', () => {
    const result = sut([
      { key: 'pattern', stage: 'ci', count: 1 },
      { key: 'design', stage: 'code_review', count: 1 },
      { key: 'pattern', stage: 'ci', count: 2 },
    ]);
    expect(result.map((r) => r.key)).toEqual(['pattern', 'design']);
    expect(result[0].counts.ci).toBe(3);
  });

  it('gives null shares for a group without findings and nothing for no rows', () => {
    expect(sut([{ key: 'unclassified', stage: 'ci', count: 0 }])[0].cumulativeShare.production).toBeNull();
    expect(sut([])).toEqual([]);
  });

  it('rejects negative or fractional counts and unknown stages', () => {
    expect(() => sut([{ key: 'x', stage: 'ci', count: -1 }])).toThrow(RangeError);
    expect(() => sut([{ key: 'x', stage: 'ci', count: 0.5 }])).toThrow(RangeError);
    expect(() => sut([{ key: 'x', stage: 'staging' as never, count: 1 }])).toThrow(RangeError);
  });
});

describe(escapeCost.name, () => {
  const sut = escapeCost;

  it('sums count × stage weight × severity weight, in total, per stage and per severity', () => {
    const result = sut([
      { stage: 'production', severity: 'high', count: 2 }, // 2 × 10 × 4 = 80
      { stage: 'ci', severity: 'medium', count: 5 }, // 5 × 3 × 2 = 30
      { stage: 'design', severity: 'critical', count: 1 }, // 1 × 1 × 8 = 8
      { stage: 'ci', severity: 'info', count: 100 }, // informational: 0
    ]);
    expect(result.total).toBe(118);
    expect(result.byStage).toEqual({ design: 8, code_review: 0, ci: 30, pre_release: 0, production: 80 });
    expect(result.bySeverity).toEqual({ info: 0, low: 0, medium: 30, high: 80, critical: 8 });
  });

  it('takes configured weights, e.g. the NIST 2002 Table 5-1 ratios with flat severities', () => {
    const nist = { stage: { design: 1, code_review: 5, ci: 10, pre_release: 15, production: 30 }, severity: { info: 1, low: 1, medium: 1, high: 1, critical: 1 } };
    expect(sut([{ stage: 'production', severity: 'low', count: 3 }], nist).total).toBe(90);
  });

  it('has modest, increasing defaults', () => {
    expect(Object.values(DEFAULT_COST_WEIGHTS.stage)).toEqual([1, 2, 3, 5, 10]);
    expect(Object.values(DEFAULT_COST_WEIGHTS.severity)).toEqual([0, 1, 2, 4, 8]);
    expect(Object.isFrozen(DEFAULT_COST_WEIGHTS.stage)).toBe(true);
  });

  it('rejects negative weights and counts', () => {
    const weights = { ...DEFAULT_COST_WEIGHTS, stage: { ...DEFAULT_COST_WEIGHTS.stage, ci: -1 } };
    expect(() => sut([], weights)).toThrow(RangeError);
    expect(() => sut([{ stage: 'ci', severity: 'low', count: -2 }])).toThrow(RangeError);
  });
});
