import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Role } from '@escapement/domain';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer } from '../../../apps/api/src/start-server';
import { createTestToken, createTestUser, startTestSession, type TestUser } from '../../support/principals';

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
  /** The running API, for the test-principal helpers of test/support/principals.ts. */
  app: INestApplication;
  browser: Browser;
  /** Signed in as `admin` through the real login form. */
  page: Page;
  /** An administrator with the test password and no password to replace. */
  admin: TestUser;
  /** Uncaught errors of every page opened through `newPage`, which every spec expects to stay empty. */
  pageErrors: string[];
  /**
   * A page in its own browser context: signed in as `as` (the file's administrator by default) through a
   * session cookie, or signed out with `as: null`.
   */
  newPage(width?: number, options?: { as?: TestUser | null; bypassCSP?: boolean }): Promise<Page>;
  /** An account of the given role with the test password, e.g. to see the dashboard as a viewer. */
  createUser(role: Role, options?: { email?: string; teamIds?: string[]; mustChangePassword?: boolean }): Promise<TestUser>;
  /** Fills and sends the login form on `page`, which must show it. */
  signIn(page: Page, user: TestUser): Promise<void>;
  /** GET on the API with a read token, as the dashboard asks it, to compare what the page shows with the data. */
  api<T>(pathAndQuery: string): Promise<T>;
  screenshot(page: Page, name: string): Promise<void>;
  /** Where a screenshot of that name goes (for screenshots of one element). */
  screenshotPath(name: string): string;
}

let userCount = 0;

/**
 * Starts the real server (embedded database, demo data, the built dashboard) and headless Chromium
 * before the file's specs, and stops both after them. Use the returned object inside the specs only:
 * its fields are filled in `beforeAll`.
 */
export function useDashboardSession(): DashboardSession {
  const session = { pageErrors: [] as string[] } as DashboardSession;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
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
    const app = server.app;
    session.url = server.url;
    session.app = app;
    session.browser = browser;
    session.createUser = (role, options = {}) =>
      createTestUser(app, { email: options.email ?? `${role.replace('_', '-')}-${++userCount}@browser.test`, role, teamIds: options.teamIds, mustChangePassword: options.mustChangePassword });
    session.signIn = async (page, user) => {
      await page.getByLabel('Email address').fill(user.email);
      await page.getByLabel('Password', { exact: true }).fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
    };
    session.newPage = async (width = 1280, options = {}) => {
      // A context per page, so that each page has its own cookies: one signed in as a viewer does not
      // sign the others in as one. Reduced motion turns off the chart's animations, so assertions and
      // screenshots see final marks.
      // bypassCSP: for specs that inject a checker script (axe-core), which the strict CSP would refuse.
      const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce', bypassCSP: options.bypassCSP ?? false });
      const user = options.as === undefined ? session.admin : options.as;
      if (user !== null) {
        // The login form is covered once per file (below); other pages start from a session cookie.
        const { cookie } = await startTestSession(app, user.id);
        const separator = cookie.indexOf('=');
        await context.addCookies([{ name: cookie.slice(0, separator), value: cookie.slice(separator + 1), url: server!.url }]);
      }
      const page = await context.newPage();
      page.on('pageerror', (error) => session.pageErrors.push(error.message));
      // The browser may already be closing (afterAll); a context closed with it is not an error.
      page.on('close', () => void context.close().catch(() => undefined));
      return page;
    };
    session.admin = await session.createUser('admin', { email: 'admin@browser.test' });
    // Each file signs in through the real login form once, as a person would.
    session.page = await session.newPage(1280, { as: null });
    await session.page.goto(`${server.url}/login`);
    await session.signIn(session.page, session.admin);
    await session.page.waitForURL(`${server.url}/`);
    const reader = await createTestToken(app, { name: 'browser', scopes: ['read'] });
    session.api = async <T>(pathAndQuery: string): Promise<T> => {
      const response = await fetch(`${server!.url}/api/v1${pathAndQuery}`, { headers: { Authorization: `Bearer ${reader.secret}` } });
      if (response.status !== 200) throw new Error(`GET ${pathAndQuery} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as T;
    };
    session.screenshotPath = (name) => {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      return path.join(SCREENSHOTS, `${name}.png`);
    };
    session.screenshot = async (page, name) => {
      await page.screenshot({ path: session.screenshotPath(name), fullPage: true });
    };
  }, 180_000);

  afterAll(async () => {
    await session.browser?.close();
    await server?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  return session;
}
