import { resolveDemoWindow } from './demo-window';

describe(resolveDemoWindow.name, () => {
  const sut = resolveDemoWindow;

  it('defaults to seed 42, 6000 findings and 18 months ending today at midnight UTC', () => {
    const window = sut({}, () => new Date('2025-06-30T15:42:00Z'));
    expect(window).toEqual({
      seed: 42,
      findings: 6000,
      months: 18,
      startMs: Date.parse('2023-12-30T00:00:00Z'),
      endMs: Date.parse('2025-06-30T00:00:00Z'),
      nowMs: Date.parse('2025-06-30T00:00:00Z'),
    });
  });

  it('looks at the data at the end of the window unless told a later now', () => {
    const end = new Date('2025-06-30T00:00:00Z');
    expect(sut({ end, now: new Date('2026-01-01T00:00:00Z') }).nowMs).toBe(Date.parse('2026-01-01T00:00:00Z'));
  });

  it('keeps a given end and counts calendar months back, clamped to the shorter month', () => {
    const window = sut({ end: new Date('2025-03-31T12:00:00Z'), months: 1 });
    expect(new Date(window.startMs).toISOString()).toBe('2025-02-28T12:00:00.000Z');
    expect(new Date(window.endMs).toISOString()).toBe('2025-03-31T12:00:00.000Z');
  });

  it.each([
    [{ seed: 1.5 }],
    [{ findings: -1 }],
    [{ findings: 2.5 }],
    [{ months: 0 }],
    [{ end: new Date('not a date') }],
    [{ end: new Date('2025-06-30T00:00:00Z'), now: new Date('2025-06-29T00:00:00Z') }],
  ])('rejects %j', (options) => {
    expect(() => sut(options)).toThrow(RangeError);
  });
});
