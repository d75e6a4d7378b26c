import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { EscapeRateResponse } from '@escapement/domain';
import { startServer } from '../../apps/api/src/start-server';

const CHROMIUM_PATH = '/usr/bin/chromium';
const REPO_ROOT = path.resolve(__dirname, '../..');
const WEB_DIST = path.join(REPO_ROOT, 'apps/web/dist');
const SCREENSHOT = path.join(REPO_ROOT, 'test-output/browser/overview.png');

const chromiumAvailable = fs.existsSync(CHROMIUM_PATH);
if (!chromiumAvailable) {
  // CI sets ESCAPEMENT_REQUIRE_BROWSER=1 so that a missing browser cannot pass as a green run.
  if (process.env.ESCAPEMENT_REQUIRE_BROWSER === '1') {
    throw new Error(
      `Chromium is required (ESCAPEMENT_REQUIRE_BROWSER=1) but ${CHROMIUM_PATH} does not exist. Install it with: apt-get install -y chromium`,
    );
  }
  console.warn(
    [
      '',
      '##########################################################################',
      `#  BROWSER TESTS SKIPPED: ${CHROMIUM_PATH} not found.`,
      '#  The dashboard was NOT tested in a browser. Install it with:',
      '#    apt-get install -y chromium',
      '#  Set ESCAPEMENT_REQUIRE_BROWSER=1 to make this a failure.',
      '##########################################################################',
      '',
    ].join('\n'),
  );
}
const describeWithBrowser = chromiumAvailable ? describe : describe.skip;

const CHART = '[data-testid="escape-rate-chart"]';
/** The chart after its data settled: rendered, and not showing a previous answer while a new one loads. */
const SETTLED_CHART = `${CHART}[aria-busy="false"]`;

/** Asks the API the same question the page asks by default, to compare the chart with the data. */
async function fetchEscapeRate(baseUrl: string, boundary: string): Promise<EscapeRateResponse> {
  const response = await fetch(`${baseUrl}/api/v1/metrics/escape-rate?groupBy=class&bucket=month&boundary=${boundary}`);
  expect(response.status).toBe(200);
  return (await response.json()) as EscapeRateResponse;
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

describeWithBrowser('dashboard overview in a browser', () => {
  let server: { url: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let dataDir: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
      throw new Error(`The dashboard is not built (${WEB_DIST}/index.html is missing): run "cd apps/web && npx vite build" first`);
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-browser-'));
    // The zero-setup path: the embedded database even when CI sets DATABASE_URL for the API suites.
    server = await startServer({ port: 0, dataDir, demo: true, webDist: WEB_DIST, quiet: true, durable: false, env: { ...process.env, DATABASE_URL: '' } });
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    // Reduced motion turns off the chart's animations, so assertions and the screenshot see final lines.
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('draws the escape rate by finding class with adoption markers, one axis point per period', async () => {
    const expected = await fetchEscapeRate(server!.url, 'ci');

    await page.goto(server!.url);
    await page.waitForSelector(SETTLED_CHART);
    await waitForLine(page, 'design');
    await waitForLine(page, 'pattern');

    expect(isDrawnLine(await linePath(page, 'design'))).toBe(true);
    expect(isDrawnLine(await linePath(page, 'pattern'))).toBe(true);
    expect(await page.locator(`${CHART} .recharts-reference-line.adoption-line line`).count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator(`${CHART} .recharts-xAxis .recharts-cartesian-axis-tick`).count()).toBe(periodCount(expected));
    expect(await page.locator('[data-testid="state-error"], [data-testid="state-empty"]').count()).toBe(0);

    fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('puts a changed escape boundary into the URL and refetches the data', async () => {
    const refetch = page.waitForResponse((response) => {
      const url = new URL(response.url());
      return url.pathname === '/api/v1/metrics/escape-rate' && url.searchParams.get('boundary') === 'production';
    });
    await page.getByLabel('Escape boundary').selectOption('production');

    expect((await refetch).status()).toBe(200);
    await page.waitForURL((url) => url.searchParams.get('boundary') === 'production');
    await page.waitForSelector(SETTLED_CHART);
    const expected = await fetchEscapeRate(server!.url, 'production');
    expect(await page.locator(`${CHART} .recharts-xAxis .recharts-cartesian-axis-tick`).count()).toBe(periodCount(expected));
    expect(pageErrors).toEqual([]);
  });

  it('opens the same view from a copied link', async () => {
    const copied = await browser!.newPage({ viewport: { width: 768, height: 900 }, reducedMotion: 'reduce' });
    try {
      await copied.goto(page.url());
      await copied.waitForSelector(SETTLED_CHART);
      expect(await copied.getByLabel('Escape boundary').inputValue()).toBe('production');
    } finally {
      await copied.close();
    }
  });
});
