import { escapeTotals, isSpanStart, nextSpanStart, periodBySpans, spanStart } from './cohort-spans';

const DAY_MS = 86_400_000;
const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms < Date.parse(`${to}T00:00:00Z`); ms += DAY_MS) out.push(new Date(ms).toISOString().slice(0, 10));
  return out;
};

describe('cohort spans', () => {
  it('start on Mondays and on the first of each month', () => {
    // 2026-04-27 is a Monday; the week runs into May, which starts on a Friday.
    expect(['2026-04-27', '2026-05-01', '2026-05-04'].map(isSpanStart)).toEqual([true, true, true]);
    expect(['2026-04-30', '2026-05-02', '2026-05-03'].map(isSpanStart)).toEqual([false, false, false]);
    expect(spanStart('2026-04-30')).toBe('2026-04-27');
    expect(spanStart('2026-05-03')).toBe('2026-05-01');
    expect(nextSpanStart('2026-04-28')).toBe('2026-05-01');
    expect(nextSpanStart('2026-05-01')).toBe('2026-05-04');
    expect(nextSpanStart('2026-12-28')).toBe('2027-01-01');
  });

  it('lie each within one week, one month and one quarter, as the SQL cohort_span() names them', () => {
    for (const day of days('2025-12-01', '2027-02-01')) {
      const start = spanStart(day);
      const date = new Date(`${day}T00:00:00Z`);
      const monday = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
      expect(start >= monday && start.slice(0, 7) === day.slice(0, 7) && start <= day).toBe(true);
      expect(nextSpanStart(day) > day && spanStart(nextSpanStart(day)) === nextSpanStart(day)).toBe(true);
    }
  });

  it('split a period into whole spans and the days left at its ends, which together cover it once', () => {
    const periods: [string | undefined, string | undefined][] = [];
    const bounds = days('2026-02-20', '2026-03-12');
    for (const from of bounds) for (const to of bounds) if (from < to) periods.push([from, to]);
    for (const bound of bounds) periods.push([bound, undefined], [undefined, bound]);
    for (const [from, to] of periods) {
      const { spans, edges } = periodBySpans({ from, to });
      const covered: string[] = edges.flatMap((edge) => days(edge.from, edge.to));
      if (spans) {
        if (spans.from) expect(isSpanStart(spans.from)).toBe(true);
        if (spans.to) expect(isSpanStart(spans.to)).toBe(true);
        covered.push(...days(spans.from ?? '2026-01-01', spans.to ?? '2026-04-01'));
      }
      for (const edge of edges) expect(days(edge.from, edge.to).length).toBeLessThan(14);
      expect(covered.sort()).toEqual(days(from ?? '2026-01-01', to ?? '2026-04-01'));
    }
  });

  it('leave nothing to the findings when the bounds are span starts or open', () => {
    expect(periodBySpans({})).toEqual({ spans: { from: undefined, to: undefined }, edges: [] });
    expect(periodBySpans({ from: '2026-03-01', to: '2026-04-06' })).toEqual({ spans: { from: '2026-03-01', to: '2026-04-06' }, edges: [] });
    expect(periodBySpans({ from: '2026-03-04', to: '2026-03-05' })).toEqual({ spans: null, edges: [{ from: '2026-03-04', to: '2026-03-05' }] });
  });
});

describe('escapeTotals', () => {
  it('counts every stage, and as escaped those at or after the boundary', () => {
    const counts = { design: 1, code_review: 2, ci: 4, pre_release: 8, production: 16 };
    expect(escapeTotals(counts, 'ci')).toEqual({ total: 31, escaped: 28 });
    expect(escapeTotals(counts, 'design')).toEqual({ total: 31, escaped: 31 });
    expect(escapeTotals(counts, 'production')).toEqual({ total: 31, escaped: 16 });
  });
});
