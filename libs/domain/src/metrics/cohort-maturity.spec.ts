import { cohortMaturityDate, isMatureCohort } from './cohort-maturity';

describe(isMatureCohort.name, () => {
  const sut = isMatureCohort;

  it('counts the follow-up from the END of the period: a March cohort is mature 90 days after 1 April', () => {
    // March 2026 ends at 2026-04-01T00:00Z; + 90 days = 2026-06-30T00:00Z.
    expect(sut('2026-03-01', 'month', new Date('2026-06-29T23:59:59Z'))).toBe(false);
    expect(sut('2026-03-01', 'month', new Date('2026-06-30T00:00:00Z'))).toBe(true);
    // Counting from the start would have called it mature on 30 May, when flaws of 31 March had had 60 days.
    expect(sut('2026-03-01', 'month', new Date('2026-05-30T00:00:00Z'))).toBe(false);
  });

  it('knows the length of weeks and quarters', () => {
    // Week of Monday 2026-03-02 ends 2026-03-09; quarter Q2 2026 ends 2026-07-01.
    expect(cohortMaturityDate('2026-03-02', 'week').toISOString()).toBe('2026-06-07T00:00:00.000Z');
    expect(cohortMaturityDate('2026-04-01', 'quarter').toISOString()).toBe('2026-09-29T00:00:00.000Z');
    expect(cohortMaturityDate('2026-04-01', 'quarter', 0).toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });

  it('takes a configurable window, and a date inside the period stands for the whole period', () => {
    expect(sut('2026-01-01', 'month', new Date('2026-03-02T00:00:00Z'), 29)).toBe(true); // 1 Feb + 29 days = 2 March
    expect(sut('2026-01-01', 'month', new Date('2026-03-02T00:00:00Z'), 30)).toBe(false);
    expect(cohortMaturityDate('2026-03-17', 'month').toISOString()).toBe(cohortMaturityDate('2026-03-01', 'month').toISOString());
  });

  it('rejects malformed dates and windows', () => {
    expect(() => sut('2026-3-1', 'month', new Date())).toThrow(RangeError);
    expect(() => sut('2026-02-30', 'month', new Date())).toThrow(RangeError);
    expect(() => sut('2026-03-01', 'month', new Date('nonsense'))).toThrow(RangeError);
    expect(() => sut('2026-03-01', 'month', new Date(), -1)).toThrow(RangeError);
  });
});
