import type { Page } from 'playwright-core';
import type { EscapeRateResponse } from '@escapement/domain';
import { describeWithBrowser, useDashboardSession } from './support/dashboard-session';
import { settledCount } from './support/settled-count';

const CHART = '[data-testid="escape-rate-chart"]';
/** The chart after its data settled: rendered, and not showing a previous answer while a new one loads. */
const SETTLED_CHART = `${CHART}[aria-busy="false"]`;

/** Asks the API the same question the page asks by default, to compare the chart with the data. */
function fetchEscapeRate(session: { api<T>(pathAndQuery: string): Promise<T> }, boundary: string): Promise<EscapeRateResponse> {
  return session.api<EscapeRateResponse>(`/metrics/escape-rate?groupBy=class&bucket=month&boundary=${boundary}`);
}

function periodCount(response: EscapeRateResponse): number {
  return new Set(response.series.flatMap((series) => series.points.map((point) => point.period))).size;
}

async function linePath(page: Page, seriesKey: string): Promise<string> {
  const path = page.locator(`${CHART} .series-${seriesKey} path.recharts-line-curve`);
  return (await path.count()) === 0 ? '' : ((await path.first().getAttribute('d')) ?? '');
}

/** A drawn line, not an empty or single-point path: long enough and with at least one segment. */
function isDrawnLine(d: string): boolean {
  return d.length > 20 && /[LC]/.test(d);
}

/** Waits until the series' path has a drawn shape; Recharts mounts the path before it has its points. */
async function waitForLine(page: Page, seriesKey: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!isDrawnLine(await linePath(page, seriesKey))) {
    if (Date.now() > deadline) throw new Error(`the ${seriesKey} line was never drawn`);
    await page.waitForTimeout(100);
  }
}

describeWithBrowser()('dashboard overview in a browser', () => {
  const session = useDashboardSession();

  it('draws the escape rate by finding class with adoption markers, one axis point per period', async () => {
    const { page } = session;
    const expected = await fetchEscapeRate(session, 'ci');

    await page.goto(session.url);
    await page.waitForSelector(SETTLED_CHART);
    await waitForLine(page, 'design');
    await waitForLine(page, 'pattern');

    expect(isDrawnLine(await linePath(page, 'design'))).toBe(true);
    expect(isDrawnLine(await linePath(page, 'pattern'))).toBe(true);
    // The markers come from the adoptions, a request of their own that may answer after the escape rate
    // (attached, not visible: a vertical line has no width).
    const markers = page.locator(`${CHART} .recharts-reference-line.adoption-line line`);
    await markers.first().waitFor({ state: 'attached' });
    expect(await markers.count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator(`${CHART} .recharts-xAxis .recharts-cartesian-axis-tick`).count()).toBe(periodCount(expected));
    expect(await page.locator('[data-testid="state-error"], [data-testid="state-empty"]').count()).toBe(0);

    await session.screenshot(page, 'overview');
    expect(session.pageErrors).toEqual([]);
  });

  it('puts a changed escape boundary into the URL and refetches the data', async () => {
    const { page } = session;
    const refetch = page.waitForResponse((response) => {
      const url = new URL(response.url());
      return url.pathname === '/api/v1/metrics/escape-rate' && url.searchParams.get('boundary') === 'production';
    });
    await page.getByLabel('Escape boundary').selectOption('production');

    expect((await refetch).status()).toBe(200);
    await page.waitForURL((url) => url.searchParams.get('boundary') === 'production');
    await page.waitForSelector(SETTLED_CHART);
    const expected = await fetchEscapeRate(session, 'production');
    // The settled container can still hold the axis of the previous answer until the chart takes the new data.
    expect(await settledCount(page, `${CHART} .recharts-xAxis .recharts-cartesian-axis-tick`, periodCount(expected))).toBe(periodCount(expected));
    expect(session.pageErrors).toEqual([]);
  });

  it('opens the same view from a copied link', async () => {
    const copied = await session.newPage(768);
    try {
      await copied.goto(session.page.url());
      await copied.waitForSelector(SETTLED_CHART);
      expect(await copied.getByLabel('Escape boundary').inputValue()).toBe('production');
    } finally {
      await copied.close();
    }
  });
});
