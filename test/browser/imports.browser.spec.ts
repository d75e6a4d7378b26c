import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ImportDto, Page } from '@escapement/domain';
import { createTestToken } from '../support/principals';
import { describeWithBrowser, useDashboardSession } from './support/dashboard-session';

describeWithBrowser()('imports in a browser', () => {
  const session = useDashboardSession();

  it('lists the imports of the demo organisation, newest first, with what each received', async () => {
    const { page } = session;
    const expected = await session.api<Page<ImportDto>>('/imports?limit=25');
    expect(expected.items.length).toBeGreaterThan(0);

    await page.goto(`${session.url}/imports`);
    await page.getByTestId('imports-table').waitFor();
    const ids = await page.locator('[data-testid="imports-table"] tbody tr[data-import-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-import-id')));
    expect(ids).toEqual(expected.items.map((item) => item.id));
    const first = page.locator(`tr[data-import-id="${expected.items[0]!.id}"]`);
    expect(await first.textContent()).toContain(`${new Intl.NumberFormat('en').format(expected.items[0]!.findings.received)} received`);

    await session.screenshot(page, 'imports');
    expect(session.pageErrors).toEqual([]);
  });

  it('shows what an import changed on the way in, under its row', async () => {
    const { page } = session;
    const writer = await createTestToken(session.app, { name: 'browser-writer', scopes: ['findings:write'] });
    const sarif = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'imports', 'dependency-check-artifact-index.sarif'));
    const response = await fetch(`${session.url}/api/v1/imports?service=orders-api`, { method: 'POST', headers: { Authorization: `Bearer ${writer.secret}`, 'content-type': 'application/octet-stream' }, body: sarif });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };

    await page.goto(`${session.url}/imports`);
    await page.locator(`tr[data-import-id="${id}"]`).waitFor();
    const warnings = page.locator(`tr[data-import-id="${id}"] + tr[data-testid="import-warnings"] li`);
    expect(await warnings.allTextContents()).toEqual([
      '/runs/0/results/0/locations/0/physicalLocation/artifactLocation/index: 3 is out of range: the run has 1 artifact; its uri was used instead',
      '/runs/0/results/1/locations/0/physicalLocation/artifactLocation/index: 4 is out of range: the run has 1 artifact; its uri was used instead',
    ]);
    expect(session.pageErrors).toEqual([]);
  });

  it('is reached from the main navigation', async () => {
    const { page } = session;
    await page.goto(session.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
    await page.waitForURL('**/imports');
    await page.getByTestId('imports-table').waitFor();
    expect(await page.getByRole('link', { name: 'Imports' }).getAttribute('aria-current')).toBe('page');
  });
});
