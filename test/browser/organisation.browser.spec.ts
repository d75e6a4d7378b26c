import type { AdoptionDto, ServiceDto } from '@escapement/domain';
import { describeWithBrowser, useDashboardSession } from './support/dashboard-session';

describeWithBrowser()('teams, services and adoptions in a browser', () => {
  const session = useDashboardSession();

  it('creates a team, and a service of it with repository patterns', async () => {
    const { page } = session;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams & services' }).click();
    await page.waitForURL('**/teams');
    await page.getByTestId('teams-table').waitFor();

    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByText('Give the team a name.').waitFor();
    await page.getByLabel('Team name').fill('Browser Platform');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByText('Team Browser Platform created.').waitFor();
    await page.locator('[data-testid="teams-table"] tbody tr', { hasText: 'Browser Platform' }).waitFor();

    await page.getByLabel('Service name').fill('browser-gateway');
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Browser Platform' });
    await page.getByLabel('Repository patterns').fill('github.com/acme/browser-gateway\ngithub.com/acme/browser-edge-*');
    await page.getByRole('button', { name: 'Create service' }).click();
    await page.getByText('Service browser-gateway created.').waitFor();
    const row = page.locator('[data-testid="services-table"] tbody tr', { hasText: 'browser-gateway' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Browser Platform');
    expect(await row.textContent()).toContain('github.com/acme/browser-edge-*');

    const stored = (await session.api<ServiceDto[]>('/services')).find((service) => service.name === 'browser-gateway');
    expect(stored).toMatchObject({ teamName: 'Browser Platform', repositoryPatterns: ['github.com/acme/browser-gateway', 'github.com/acme/browser-edge-*'] });
    await session.screenshot(page, 'teams');
    expect(session.pageErrors).toEqual([]);
  });

  it('refuses a service name that is taken, beside the field', async () => {
    const { page } = session;
    await page.getByLabel('Service name').fill('browser-gateway');
    await page.getByRole('button', { name: 'Create service' }).click();
    await page.getByText('A service of this name exists already.').waitFor();
    expect(await page.getByLabel('Service name').getAttribute('aria-invalid')).toBe('true');
  });

  it('records an adoption and lists it', async () => {
    const { page } = session;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Adoptions' }).click();
    await page.waitForURL('**/adoptions');
    await page.getByTestId('adoptions-table').or(page.getByTestId('state-empty')).first().waitFor();

    await page.getByRole('button', { name: 'Record adoption' }).click();
    await page.getByText('Choose the team that adopted the practice.').waitFor();
    await page.getByText('Give the date the practice started.').waitFor();

    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Browser Platform' });
    await page.getByLabel('Start date').fill('2026-02-01');
    await page.getByRole('button', { name: 'Record adoption' }).click();
    await page.getByText('Recorded: Browser Platform started context-aware-development on 2026-02-01.').waitFor();
    const row = page.locator('[data-testid="adoptions-table"] tbody tr', { hasText: 'Team Browser Platform' });
    await row.waitFor();
    expect(await row.textContent()).toContain('context-aware-development');
    expect(await row.textContent()).toContain('Feb 1, 2026');

    const stored = (await session.api<AdoptionDto[]>('/adoptions')).find((adoption) => adoption.teamName === 'Browser Platform');
    expect(stored).toMatchObject({ practice: 'context-aware-development', startedAt: '2026-02-01' });
    await session.screenshot(page, 'adoptions');
    expect(session.pageErrors).toEqual([]);
  });

  it('corrects the start date of an adoption, then retires it without deleting it', async () => {
    const { page } = session;
    const row = page.locator('[data-testid="adoptions-table"] tbody tr', { hasText: 'Team Browser Platform' });
    await row.getByRole('button', { name: 'Correct' }).click();
    await row.getByLabel('Start date').fill('2026-02-15');
    await row.getByRole('button', { name: 'Save' }).click();
    await row.getByText('Feb 15, 2026').waitFor();

    await row.getByRole('button', { name: 'Retire' }).click();
    await row.getByLabel('End date').fill('2026-01-01');
    await row.getByRole('button', { name: 'Retire adoption' }).click();
    await row.getByText('End on or after the start, 2026-02-15.').waitFor();
    await row.getByLabel('End date').fill('2026-09-30');
    await row.getByRole('button', { name: 'Retire adoption' }).click();
    await row.getByText('Sep 30, 2026').waitFor();
    expect(await row.getByRole('button', { name: 'Retire' }).count()).toBe(0);

    const stored = (await session.api<AdoptionDto[]>('/adoptions')).find((adoption) => adoption.teamName === 'Browser Platform');
    expect(stored).toMatchObject({ startedAt: '2026-02-15', retiredAt: '2026-09-30' });
    expect(session.pageErrors).toEqual([]);
  });
});
