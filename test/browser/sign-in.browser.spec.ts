import type { Page as ApiPage } from '@escapement/domain';
import type { Page } from 'playwright-core';
import { describeWithBrowser, useDashboardSession } from './support/dashboard-session';
import { focusedAttribute } from './support/focus';

const WRONG_CREDENTIALS = 'The email address or the password is wrong';

/** Opens the account menu in the header and signs out. */
async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').locator('summary').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
}

/** An attribute of the focused element; evaluated as a string, as the specs compile without the DOM's types. */
describeWithBrowser()('signing in and out in a browser', () => {
  const session = useDashboardSession();

  it('refuses a wrong password with one message, then lands on the overview with the right one', async () => {
    const page = await session.newPage(1280, { as: null });
    try {
      await page.goto(session.url);
      await page.waitForURL(`${session.url}/login`);
      await session.screenshot(page, 'login');

      await session.signIn(page, { ...session.admin, password: 'not the password at all' });
      await page.getByRole('alert').filter({ hasText: WRONG_CREDENTIALS }).waitFor();
      // The password is emptied and focused for the next try.
      expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      expect(await focusedAttribute(page, 'type', 'password')).toBe('password');

      await session.signIn(page, session.admin);
      await page.waitForURL(`${session.url}/`);
      await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
      expect(await page.getByTestId('user-menu').textContent()).toContain(session.admin.email);
      expect(await page.getByTestId('user-role').textContent()).toContain('Administrator');
      expect(session.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('says what is missing before sending, next to the field, and focuses it', async () => {
    const page = await session.newPage(1280, { as: null });
    try {
      await page.goto(`${session.url}/login`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Enter your email address.').waitFor();
      expect(await page.getByLabel('Email address').getAttribute('aria-invalid')).toBe('true');
      expect(await focusedAttribute(page, 'autocomplete', 'username')).toBe('username');
    } finally {
      await page.close();
    }
  });

  it('brings a person back to the page they were opening, filters included', async () => {
    const page = await session.newPage(1280, { as: null });
    try {
      await page.goto(`${session.url}/findings?class=design`);
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('returnTo') === '/findings?class=design');
      await session.signIn(page, session.admin);
      await page.waitForURL(`${session.url}/findings?class=design`);
      await page.waitForSelector('[data-testid="findings-table"]');
    } finally {
      await page.close();
    }
  });

  it('makes a person with a one-time password choose their own before anything else', async () => {
    const newcomer = await session.createUser('viewer', { mustChangePassword: true });
    const page = await session.newPage(1280, { as: null });
    try {
      await page.goto(`${session.url}/imports`);
      await session.signIn(page, newcomer);
      await page.waitForURL((url) => url.pathname === '/change-password' && url.searchParams.get('returnTo') === '/imports');
      await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
      // Any other page leads back here until the password is replaced.
      await page.goto(`${session.url}/findings`);
      await page.waitForURL((url) => url.pathname === '/change-password');

      const newPassword = 'a brand new passphrase for the viewer';
      await page.getByLabel('Current password').fill('not the one-time password');
      await page.getByLabel('New password', { exact: true }).fill('short');
      await page.getByLabel('New password again').fill('short');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Use at least 12 characters.').waitFor();
      expect(await focusedAttribute(page, 'autocomplete', 'new-password')).toBe('new-password');

      await page.getByLabel('New password', { exact: true }).fill(newPassword);
      await page.getByLabel('New password again').fill(newPassword);
      await page.getByRole('button', { name: 'Change password' }).click();
      // The API's answer, beside the field it concerns.
      await page.locator('.field-errors', { hasText: 'Current password is wrong' }).waitFor();
      expect(await page.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel('Current password').fill(newcomer.password);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.waitForURL(`${session.url}/findings`);
      await page.waitForSelector('[data-testid="findings-table"]');
      expect(await page.getByTestId('user-role').textContent()).toContain('Viewer');

      // The new password is the one that works from now on.
      await signOut(page);
      await page.waitForURL((url) => url.pathname === '/login');
      await session.signIn(page, { ...newcomer, password: newPassword });
      await page.waitForURL(`${session.url}/findings`);
      expect(session.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows a viewer neither the override control nor Settings', async () => {
    const viewer = await session.createUser('viewer');
    const page = await session.newPage(1280, { as: viewer });
    try {
      const [finding] = (await session.api<ApiPage<{ id: string }>>('/findings?limit=1')).items;
      await page.goto(`${session.url}/findings/${finding!.id}`);
      await page.getByTestId('finding-classification').waitFor();
      await page.getByTestId('override-unavailable').waitFor();
      expect(await page.getByRole('button', { name: 'Save override' }).count()).toBe(0);

      const nav = page.getByRole('navigation', { name: 'Main' });
      expect(await nav.getByRole('link', { name: 'Findings' }).count()).toBe(1);
      expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
      await page.goto(`${session.url}/settings`);
      await page.getByText('Only administrators manage tokens').waitFor();
      expect(await page.getByRole('button', { name: 'Create token' }).count()).toBe(0);
      expect(session.pageErrors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('signs out, after which the dashboard asks to sign in again', async () => {
    const page = await session.newPage(1280);
    try {
      await page.goto(`${session.url}/teams`);
      await page.getByRole('heading', { name: 'Teams & services', level: 1 }).waitFor();
      await signOut(page);
      await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('returnTo') === '/teams');
      await page.goto(`${session.url}/teams`);
      await page.waitForURL((url) => url.pathname === '/login');
    } finally {
      await page.close();
    }
  });
});
