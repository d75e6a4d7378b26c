import { hasFullContext, resolveContextFlag, resolveContextFlags } from './context-flags';

describe(resolveContextFlag.name, () => {
  const sut = resolveContextFlag;

  it('keeps what was stated, even false against a serving', () => {
    expect(sut(false, 'declared', true)).toEqual({ value: false, source: 'declared' });
    expect(sut(true, 'imported', false)).toEqual({ value: true, source: 'imported' });
  });

  it('derives true from a serving when nothing was stated, and is unknown otherwise', () => {
    expect(sut(null, null, true)).toEqual({ value: true, source: 'derived' });
    expect(sut(null, null, false)).toEqual({ value: null, source: null });
  });
});

describe(resolveContextFlags.name, () => {
  const unknown = { value: null, source: null };
  const stated = { threatModelLinked: unknown, acceptanceCriteria: unknown, promptContext: unknown, reviewedAgainstModel: unknown };

  it('a pack marks the prompt flag, criteria the criteria flag, a checklist the review flag; nothing marks the ticket link', () => {
    const sut = resolveContextFlags(stated, { pack: true, criteria: true, review: true });
    expect(sut.promptContext).toEqual({ value: true, source: 'derived' });
    expect(sut.acceptanceCriteria).toEqual({ value: true, source: 'derived' });
    expect(sut.reviewedAgainstModel).toEqual({ value: true, source: 'derived' });
    expect(sut.threatModelLinked).toEqual(unknown);
    expect(hasFullContext(sut)).toBe(false);
    expect(hasFullContext({ ...sut, threatModelLinked: { value: true, source: 'declared' } })).toBe(true);
  });
});
