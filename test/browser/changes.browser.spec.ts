import type { ChangeContextMetricDto, ChangeDto, Page } from '@escapement/domain';
import { describeWithBrowser, useDashboardSession } from './support/dashboard-session';

describeWithBrowser()('the Changes page in a browser', () => {
  const session = useDashboardSession();

  it('shows coverage per team with adoption lines, the with/without table and the change list, as the API gives them', async () => {
    const { page } = session;
    const metric = await session.api<ChangeContextMetricDto>('/metrics/change-context');
    const changes = await session.api<Page<ChangeDto>>('/changes?limit=25');

    await page.goto(`${session.url}/`);
    await page.getByRole('link', { name: 'Changes' }).click();
    await page.waitForURL(`${session.url}/changes`);
    await page.waitForSelector('[data-testid="coverage-chart"] .recharts-line-curve');

    const teams = new Set(metric.coverage.map((p) => p.teamName ?? 'No team'));
    expect(await page.locator('[data-testid="coverage-chart"] .recharts-line').count()).toBe(teams.size);
    expect(await page.locator('[data-testid="coverage-chart"] .recharts-reference-line').count()).toBe(metric.adoptions.length);

    const row = page.locator('[data-testid="change-context-table"] tr[data-flag="all"][data-class="design"]');
    const design = metric.comparisons.find((c) => c.flag === 'all' && c.findingClass === 'design')!;
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[1]).toBe(String(design.with.changes));
    expect(cells[3]).toBe(String(design.without.changes));
    expect(await page.locator('[data-testid="change-context-table"] tbody tr').count()).toBe(metric.comparisons.length);
    await expect(page.getByTestId('change-context-caveats').innerText()).resolves.toContain('association, not proof of cause');

    await page.waitForSelector('[data-testid="changes-table"] tbody tr');
    const refs = await page.locator('[data-testid="changes-table"] tbody th').allInnerTexts();
    expect(refs.map((r) => r.split(' ')[0])).toEqual(changes.items.map((c) => c.ref));

    await session.screenshot(page, 'changes');
    expect(session.pageErrors).toEqual([]);
  });

  it('opens a change with its flags and the findings it introduced', async () => {
    const { page } = session;
    const [first] = (await session.api<Page<ChangeDto>>('/changes?limit=1')).items;
    const detail = await session.api<{ findingsLinked: { title: string }[] }>(`/changes/${first.id}`);
    await page.locator('[data-testid="changes-table"] tbody tr').first().getByRole('link').click();
    await page.waitForURL(`${session.url}/changes/${first.id}`);
    await page.waitForSelector('[data-testid="change-flags"]');
    expect(await page.locator('[data-testid="change-findings"] tbody tr').count()).toBe(detail.findingsLinked.length);
    expect(session.pageErrors).toEqual([]);
  });
});
