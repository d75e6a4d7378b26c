import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer } from '../../../apps/api/src/start-server';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const REPO_ROOT = path.resolve(__dirname, '../../..');
const WEB_DIST = path.join(REPO_ROOT, 'apps/web/dist');
const SCREENSHOTS = path.join(REPO_ROOT, 'test-output/browser');

const chromiumAvailable = fs.existsSync(CHROMIUM_PATH);

/**
 * `describe` when Chromium is installed, else `describe.skip` with a loud warning. CI sets
 * ESCAPEMENT_REQUIRE_BROWSER=1 so that a missing browser cannot pass as a green run.
 */
export function describeWithBrowser(): jest.Describe {
  if (chromiumAvailable) return describe;
  if (process.env.ESCAPEMENT_REQUIRE_BROWSER === '1') {
    throw new Error(`Chromium is required (ESCAPEMENT_REQUIRE_BROWSER=1) but ${CHROMIUM_PATH} does not exist. Install it with: apt-get install -y chromium`);
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
  return describe.skip;
}

/** A running server with the demo organisation and a browser on it, shared by the specs of one file. */
export interface DashboardSession {
  url: string;
  browser: Browser;
  page: Page;
  /** Uncaught errors of every page opened through `newPage`, which every spec expects to stay empty. */
  pageErrors: string[];
  newPage(width?: number): Promise<Page>;
  /** GET on the API, as the dashboard asks it, to compare what the page shows with the data. */
  api<T>(pathAndQuery: string): Promise<T>;
  screenshot(page: Page, name: string): Promise<void>;
}

/**
 * Starts the real server (embedded database, demo data, the built dashboard) and headless Chromium
 * before the file's specs, and stops both after them. Use the returned object inside the specs only:
 * its fields are filled in `beforeAll`.
 */
export function useDashboardSession(): DashboardSession {
  const session = { pageErrors: [] as string[] } as DashboardSession;
  let server: { url: string; close(): Promise<void> } | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
      throw new Error(`The dashboard is not built (${WEB_DIST}/index.html is missing): run "cd apps/web && npx vite build" first`);
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'escapement-browser-'));
    // The zero-setup path: the embedded database even when CI sets DATABASE_URL for the API suites.
    server = await startServer({ port: 0, dataDir, demo: true, webDist: WEB_DIST, quiet: true, durable: false, env: { ...process.env, DATABASE_URL: '' } });
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    session.url = server.url;
    session.browser = browser;
    session.newPage = async (width = 1280) => {
      // Reduced motion turns off the chart's animations, so assertions and screenshots see final marks.
      const page = await browser.newPage({ viewport: { width, height: 900 }, reducedMotion: 'reduce' });
      page.on('pageerror', (error) => session.pageErrors.push(error.message));
      return page;
    };
    session.page = await session.newPage();
    session.api = async <T>(pathAndQuery: string): Promise<T> => {
      const response = await fetch(`${server!.url}/api/v1${pathAndQuery}`);
      if (response.status !== 200) throw new Error(`GET ${pathAndQuery} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    };
    session.screenshot = async (page, name) => {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    };
  }, 180_000);

  afterAll(async () => {
    await session.browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  return session;
}
