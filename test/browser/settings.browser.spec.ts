import { describeWithBrowser, useDashboardSession } from './support/dashboard-session';
import { focusedAttribute } from './support/focus';

describeWithBrowser()('settings in a browser', () => {
  const session = useDashboardSession();

  it('checks the token form, creates a token and shows its secret once', async () => {
    const { page } = session;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.waitForURL('**/settings');
    await page.getByTestId('tokens-table').or(page.getByTestId('state-empty')).first().waitFor();

    // Nothing is sent until the form is complete; the first field to fix takes the focus.
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Name the token after what uses it').waitFor();
    await page.getByText('Choose at least one scope.').waitFor();
    const nameId = await page.getByLabel('Name', { exact: true }).getAttribute('id');
    expect(await focusedAttribute(page, 'id', nameId!)).toBe(nameId);

    await page.getByLabel('Name', { exact: true }).fill('ci-browser');
    await page.getByRole('checkbox', { name: /Upload findings/ }).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('token-secret-value').textContent())!;
    expect(secret).toMatch(/^esc_[A-Za-z0-9]+_/);
    expect(await page.getByTestId('token-secret').textContent()).toContain('only time the token is shown');
    await page.getByRole('button', { name: 'Copy' }).waitFor();

    // The secret is a working token with the chosen scope.
    const me = await fetch(`${session.url}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${secret}` } });
    expect(await me.json()).toMatchObject({ kind: 'token', token: { name: 'ci-browser', scopes: ['findings:write'] } });

    const row = page.locator('[data-testid="tokens-table"] tr[data-token-name="ci-browser"]');
    await row.waitFor();
    expect(await row.textContent()).toContain(secret.split('_')[1]);
    expect(await row.textContent()).toContain('findings:write');
    await session.screenshot(page, 'settings');

    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.getByTestId('token-secret').count()).toBe(0);
    await page.reload();
    await row.waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(session.pageErrors).toEqual([]);
  });

  it('revokes a token after asking once more', async () => {
    const { page } = session;
    const row = page.locator('[data-testid="tokens-table"] tr[data-token-name="ci-browser"]');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Cancel' }).click();
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Revoke ci-browser' }).click();
    await row.getByText(/^Revoked/).waitFor();
    expect(await row.getByRole('button', { name: 'Revoke' }).count()).toBe(0);
  });

  it('creates a token Prometheus scrapes the operating metrics with, and reads nothing else with it', async () => {
    const { page } = session;
    await page.getByLabel('Name', { exact: true }).fill('prometheus');
    await page.getByRole('checkbox', { name: /Operations metrics/ }).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('token-secret-value').textContent())!;
    const headers = { Authorization: `Bearer ${secret}` };
    const metrics = await fetch(`${session.url}/api/metrics`, { headers });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE escapement_http_request_duration_seconds histogram');
    expect((await fetch(`${session.url}/api/v1/findings`, { headers })).status).toBe(403);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    expect(await page.locator('[data-testid="tokens-table"] tr[data-token-name="prometheus"]').textContent()).toContain('metrics:read');
  });

  it('adds a classification rule, says how many findings it reclassified, and deletes it', async () => {
    const { page } = session;
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Classification rules' }).click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'rules');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByText('Match on at least one of rule id, tool or CWE.').waitFor();

    await page.getByLabel('CWE', { exact: true }).fill('CWE-798');
    await page.getByLabel('Class', { exact: true }).selectOption('design');
    await page.getByLabel('Reason', { exact: true }).fill('Hard-coded secrets here come from a design decision about configuration');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByTestId('rule-saved').filter({ hasText: /^Rule added: (no finding|\d+ findings?) changed class\.$/ }).waitFor();
    const row = page.locator('[data-testid="rules-table"] tbody tr', { hasText: 'CWE-798' });
    await row.waitFor();

    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Delete rule' }).click();
    await page.getByText(/^Rule deleted: (no finding|\d+ findings?) changed class\.$/).waitFor();
    expect(session.pageErrors).toEqual([]);
  });

  it('creates a user with a one-time password shown once, then changes their role', async () => {
    const { page } = session;
    await page.goto(`${session.url}/settings?tab=users`);
    await page.getByTestId('users-table').waitFor();
    await page.getByLabel('Email', { exact: true }).fill('dana@browser.test');
    await page.getByLabel('Role').selectOption('manager');
    await page.getByRole('button', { name: 'Create user' }).click();
    // A manager needs a team: said before sending.
    await page.getByText('A manager manages at least one team').waitFor();
    await page.getByLabel('Role').selectOption('viewer');
    await page.getByRole('button', { name: 'Create user' }).click();
    const password = (await page.getByTestId('user-password-value').textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    await page.getByRole('button', { name: 'I have stored it' }).click();

    const row = page.locator('[data-testid="users-table"] tr[data-user-email="dana@browser.test"]');
    await row.getByText('Password to choose').waitFor();
    await row.getByRole('button', { name: /^Edit/ }).click();
    await row.getByLabel('Role').selectOption('security_lead');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Security lead').waitFor();
    expect(session.pageErrors).toEqual([]);
  });

  it('schedules a report, runs it now into the archive and deletes the schedule', async () => {
    const { page } = session;
    await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('link', { name: 'Scheduled reports' }).click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'reports');
    await page.getByRole('button', { name: 'Schedule report' }).click();
    await page.getByText('Give at least one email address.').waitFor();
    await page.getByLabel('Recipients').fill('lead@example.com, not-an-address');
    await page.getByRole('button', { name: 'Schedule report' }).click();
    await page.getByText('Not an email address: not-an-address').waitFor();
    await page.getByLabel('Recipients').fill('lead@example.com');
    await page.getByLabel('Every').selectOption('monthly');
    await page.getByRole('button', { name: 'Schedule report' }).click();
    const schedules = page.getByTestId('report-schedules-table');
    await schedules.getByText('lead@example.com').waitFor();

    // No SMTP server in this session: the report is archived, and says it was not mailed.
    await schedules.getByRole('button', { name: 'Run now for Organisation' }).click();
    const archive = page.getByTestId('report-runs-table');
    await archive.getByText('Archived, not mailed').waitFor();
    const href = await archive.getByRole('link', { name: /^Download/ }).getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/report-schedules\/runs\/[0-9a-f-]+\/pdf$/);
    const pdf = await page.evaluate(async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer()).slice(0, 5).join(','), href!);
    expect(pdf).toBe([...Buffer.from('%PDF-')].join(','));

    await schedules.getByRole('button', { name: 'Delete the Organisation schedule' }).click();
    await schedules.getByRole('button', { name: 'Delete schedule' }).click();
    await page.getByText('No schedules yet').waitFor();
    expect(await archive.getByText('Archived, not mailed').count()).toBe(1);
    expect(session.pageErrors).toEqual([]);
  });

  it('shows the audit log, filtered by action through the URL', async () => {
    const { page } = session;
    await page.goto(`${session.url}/settings?tab=audit`);
    await page.getByTestId('audit-table').waitFor();
    await page.getByLabel('Action').selectOption('token.*');
    await page.waitForURL((url) => url.searchParams.get('action') === 'token.*');
    // The unfiltered log already holds token rows from the cases above, and the filtered list replaces
    // it after a reload: wait for a table whose rows are all token events, not for the first such row.
    const settled = await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="audit-table"] tbody tr')].map((row) => row.getAttribute('data-action') ?? '');
      return rows.length >= 2 && rows.every((action) => action.startsWith('token.')) ? rows : null;
    });
    const actions = (await settled.jsonValue()) as string[];
    expect(actions).toContain('token.revoked');
    expect(actions.length).toBeGreaterThanOrEqual(2);
    for (const action of actions) expect(action).toMatch(/^token\./);
    expect(session.pageErrors).toEqual([]);
  });
});
