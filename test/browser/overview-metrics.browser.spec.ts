import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import type { ContainmentResponse, EscapeRateResponse, GapsResponse } from '@escapement/domain';
import { describeWithBrowser, useDashboardSession } from './support/dashboard-session';

const CHART = '[data-testid="escape-rate-chart"]';
const SETTLED_CHART = `${CHART}[aria-busy="false"]`;
const HEADLINE = '[data-testid="headline"]';

/** The next day, for the API's exclusive `to`. */
function dayAfter(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function sum(response: EscapeRateResponse, field: 'escaped' | 'total', key?: string): number {
  return response.series
    .filter((series) => key === undefined || series.key === key)
    .reduce((total, series) => total + series.points.reduce((inner, point) => inner + point[field], 0), 0);
}

async function waitForHeadline(page: Page): Promise<void> {
  await page.waitForSelector(`${HEADLINE} [data-testid="headline-escape-rate"][data-value]`);
  await page.waitForSelector(`${HEADLINE} ul[aria-busy="false"]:not(.is-busy)`);
}

describeWithBrowser()('overview figures, maturity, legends, containment and downloads in a browser', () => {
  const session = useDashboardSession();

  it('shows headline figures equal to the ones computed here from the API', async () => {
    const { page } = session;
    await page.goto(session.url);
    await waitForHeadline(page);
    const headline = page.locator(HEADLINE);
    const from = (await headline.getAttribute('data-from'))!;
    const to = (await headline.getAttribute('data-to'))!;
    const length = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
    const previousTo = new Date(Date.parse(from) - 86_400_000).toISOString().slice(0, 10);
    const previousFrom = new Date(Date.parse(from) - length * 86_400_000).toISOString().slice(0, 10);

    const expected = async (start: string, end: string) => {
      const range = `from=${start}&to=${dayAfter(end)}&bucket=month`;
      const rates = await session.api<EscapeRateResponse>(`/metrics/escape-rate?groupBy=class&boundary=ci&${range}`);
      const production = await session.api<EscapeRateResponse>(`/metrics/escape-rate?groupBy=class&boundary=production&${range}`);
      const gaps = await session.api<GapsResponse>(`/metrics/gaps?groupBy=total&boundary=ci&${range}`);
      const rate = (key?: string) => (sum(rates, 'total', key) > 0 ? sum(rates, 'escaped', key) / sum(rates, 'total', key) : null);
      return {
        'escape-rate': rate(),
        'design-escape-rate': rate('design'),
        'production-escapes': sum(production, 'escaped'),
        'context-gaps': gaps.series.reduce((total, series) => total + series.points.reduce((inner, point) => inner + point.contextGap, 0), 0),
      };
    };
    const current = await expected(from, to);
    const previous = await expected(previousFrom, previousTo);

    for (const [id, value] of Object.entries(current)) {
      const figure = page.locator(`[data-testid="headline-${id}"]`);
      const shown = await figure.getAttribute('data-value');
      const shownPrevious = await figure.getAttribute('data-previous');
      const before = previous[id as keyof typeof previous];
      if (value === null) expect(shown).toBe('');
      else expect(Number(shown)).toBeCloseTo(value, 12);
      if (before === null) expect(shownPrevious).toBe('');
      else expect(Number(shownPrevious)).toBeCloseTo(before, 12);
      expect(await figure.locator('.headline-trend').innerText()).toMatch(/^(↓ down|↑ up|→ no change|no earlier)/);
    }
    expect(session.pageErrors).toEqual([]);
  });

  it('draws immature cohorts as hollow points with their legend entry', async () => {
    const { page } = session;
    const response = await session.api<EscapeRateResponse>('/metrics/escape-rate?groupBy=class&bucket=month&boundary=ci');
    const immature = response.series.flatMap((series) => series.points.filter((point) => !point.mature && point.total > 0).map(() => series.key));
    // The demo ends today, so its last months have not had the 90 days of follow-up.
    expect(immature.length).toBeGreaterThan(0);

    await page.waitForSelector(SETTLED_CHART);
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="escape-rate-chart"] circle.dot-immature').length === count, immature.length);
    for (const key of new Set(immature)) {
      expect(await page.locator(`${CHART} circle.dot-immature-${key}`).count()).toBe(immature.filter((candidate) => candidate === key).length);
    }
    expect(await page.locator('[data-testid="legend-immature"]').innerText()).toBe('not yet mature (younger than 90 days of follow-up)');
    expect(session.pageErrors).toEqual([]);
  });

  it('hides and shows a series from its legend entry', async () => {
    const { page } = session;
    const toggle = page.locator(`${CHART} .legend-toggle[data-series="design"]`);
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="escape-rate-chart"] .series-design').length === 0);
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await page.waitForSelector(`${CHART} .series-design path.recharts-line-curve`);
  });

  it('shows the containment matrix with one row per class', async () => {
    const { page } = session;
    const response = await session.api<ContainmentResponse>('/metrics/containment?groupBy=class');
    await page.waitForSelector('[data-testid="containment-heat-map"]');
    const keys = await page.locator('[data-testid="containment-heat-map"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key')));
    expect([...keys].sort()).toEqual(response.rows.map((row) => row.key).sort());
    for (const row of response.rows) {
      const cells = page.locator(`[data-testid="containment-heat-map"] tr[data-key="${row.key}"] td[data-stage]`);
      expect(await cells.count()).toBe(5);
      expect(await cells.last().innerText()).toContain('100% stopped');
    }
  });

  it('downloads the escape-rate chart as a CSV whose rows are the chart data', async () => {
    const { page } = session;
    const response = await session.api<EscapeRateResponse>('/metrics/escape-rate?groupBy=class&bucket=month&boundary=ci');
    await page.locator(`${CHART} .chart-download summary`).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${CHART} [data-testid="download-csv"]`).click()]);
    expect(download.suggestedFilename()).toBe('escape-rate-by-class.csv');
    const text = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = text.trim().split('\r\n').map((line) => line.split(','));
    const design = response.series.find((series) => series.key === 'design')!;
    expect(lines).toHaveLength(design.points.length);
    const rateColumn = header!.indexOf('Design-level rate');
    const totalColumn = header!.indexOf('Design-level total');
    const matureColumn = header!.indexOf('Design-level mature');
    design.points.forEach((point, index) => {
      const line = lines[index]!;
      expect(line[0]).toBe(point.period);
      expect(Number(line[totalColumn])).toBe(point.total);
      expect(line[matureColumn]).toBe(String(point.mature));
      if (point.total > 0) expect(Number(line[rateColumn])).toBeCloseTo(point.rate!, 12);
      else expect(line[rateColumn]).toBe('');
    });

    await session.screenshot(page, 'overview');
    expect(session.pageErrors).toEqual([]);
  });

  it('downloads the escape-rate chart as a PNG drawn from its SVG', async () => {
    const { page } = session;
    await page.locator(`${CHART} .chart-download summary`).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${CHART} [data-testid="download-png"]`).click()]);
    expect(download.suggestedFilename()).toBe('escape-rate-by-class.png');
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // A blank canvas compresses to a few hundred bytes; a drawn chart does not.
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(session.pageErrors).toEqual([]);
  });
});
