import { randomUUID } from 'node:crypto';
import type { EscapeRateResponse, FindingDetailDto, FindingDto, Page as ApiPage, ServiceDto } from '@escapement/domain';
import type { Page } from 'playwright-core';
import { describeWithBrowser, useDashboardSession } from './support/dashboard-session';

/** The table after its data settled: rendered, and not showing a previous answer while a new one loads. */
const SETTLED_TABLE = '[data-testid="findings-table"][aria-busy="false"]';

async function rowIds(page: Page): Promise<string[]> {
  return page.locator(`${SETTLED_TABLE} tbody tr`).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-finding-id') ?? ''));
}

/** Waits for the page's request to the findings list with these parameters, and for the table to show its answer. */
async function tableAnswering(page: Page, expected: Record<string, string>, act: () => Promise<unknown>): Promise<void> {
  const answered = page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname === '/api/v1/findings' && Object.entries(expected).every(([name, value]) => url.searchParams.get(name) === value);
  });
  await act();
  expect((await answered).status()).toBe(200);
  await page.waitForSelector(SETTLED_TABLE);
}

function lastDayOfMonth(periodStart: string): string {
  const date = new Date(`${periodStart}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + 1, 0);
  return date.toISOString().slice(0, 10);
}

function dayAfter(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

describeWithBrowser()('findings in a browser', () => {
  const session = useDashboardSession();

  it('filters the table through the URL and shows exactly the rows the API answers', async () => {
    const { page } = session;
    const services = await session.api<ServiceDto[]>('/services');
    const identity = services.find((service) => service.name === 'identity-api')!;

    await page.goto(`${session.url}/findings`);
    await page.waitForSelector(`${SETTLED_TABLE} tbody tr`);
    const unfiltered = await session.api<ApiPage<FindingDto>>('/findings?sort=detected&order=desc&limit=50');
    expect(await rowIds(page)).toEqual(unfiltered.items.map((item) => item.id));

    await tableAnswering(page, { class: 'design' }, () => page.getByLabel('Class', { exact: true }).selectOption('design'));
    await tableAnswering(page, { class: 'design', escaped: 'true', boundary: 'ci' }, () => page.getByLabel('Escaped', { exact: true }).selectOption('true'));
    await tableAnswering(page, { class: 'design', escaped: 'true', service: identity.id }, () => page.getByLabel('Service').selectOption(identity.id));
    await page.getByText('More filters').click();
    await tableAnswering(page, { class: 'design', escaped: 'true', service: identity.id, severity: 'high' }, () =>
      page.getByLabel('Severity', { exact: true }).selectOption('high'),
    );

    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ class: 'design', escaped: 'true', service: identity.id, severity: 'high' });
    const expected = await session.api<ApiPage<FindingDto>>(
      `/findings?class=design&escaped=true&boundary=ci&service=${identity.id}&severity=high&sort=detected&order=desc&limit=50`,
    );
    expect(expected.items.length).toBeGreaterThan(0);
    expect(expected.items.length).toBeLessThan(unfiltered.items.length);
    expect(await rowIds(page)).toEqual(expected.items.map((item) => item.id));
    for (const cell of await page.locator(`${SETTLED_TABLE} tbody tr td:nth-child(4)`).allTextContents()) expect(cell).toBe('Design-level');
    for (const cell of await page.locator(`${SETTLED_TABLE} tbody tr td:nth-child(7)`).allTextContents()) expect(cell).toBe('Escaped');

    await session.screenshot(page, 'findings');
    expect(session.pageErrors).toEqual([]);
  });

  it('sorts from the keyboard by a column header, which says how it sorts', async () => {
    const { page } = session;
    const header = page.locator('th[aria-sort]').filter({ has: page.locator('button[data-sort="title"]') });
    expect(await header.getAttribute('aria-sort')).toBe('none');

    await tableAnswering(page, { sort: 'title', order: 'asc' }, async () => {
      await page.locator('button[data-sort="title"]').focus();
      await page.keyboard.press('Enter');
    });
    expect(new URL(page.url()).searchParams.get('sort')).toBe('title');
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const titles = await page.locator(`${SETTLED_TABLE} tbody tr td:nth-child(2)`).allTextContents();
    expect(titles.length).toBeGreaterThan(1);
    expect(titles[0]!.localeCompare(titles[titles.length - 1]!)).toBeLessThanOrEqual(0);
  });

  it('opens a finding with its class, reason, threat-model gap and detections', async () => {
    const { page } = session;
    const firstRow = page.locator(`${SETTLED_TABLE} tbody tr`).first();
    const id = (await firstRow.getAttribute('data-finding-id'))!;
    await firstRow.getByRole('link').click();
    await page.waitForURL(`**/findings/${id}`);
    await page.waitForSelector('[data-testid="finding-class"]');

    const detail = await session.api<FindingDetailDto>(`/findings/${id}?boundary=ci`);
    expect(await page.getByTestId('finding-class').getAttribute('data-class')).toBe(detail.findingClass);
    expect(await page.getByTestId('finding-class-reason').textContent()).toBe(detail.classReason);
    expect(await page.getByTestId('finding-gap').textContent()).toMatch(/^(Context gap|Model gap|Unmodelled):/);
    const counts = await page.locator('[data-testid="detection-timeline"] > li').evaluateAll((stages) => stages.map((stage) => Number(stage.getAttribute('data-count'))));
    expect(counts).toHaveLength(5);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(detail.detections.length);

    // Back to the list as it was left: filters and sort.
    await page.getByRole('link', { name: /Back to findings/ }).click();
    await page.waitForSelector(`${SETTLED_TABLE} tbody tr`);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('title');
    expect(session.pageErrors).toEqual([]);
  });

  it('saves an override with a reason and shows it after a reload', async () => {
    const { page } = session;
    const [target] = (await session.api<ApiPage<FindingDto>>('/findings?class=pattern&limit=1')).items;
    await page.goto(`${session.url}/findings/${target!.id}`);
    await page.waitForSelector('[data-testid="finding-class"][data-class="pattern"]');

    // A missing reason is refused before it is sent; a too short one by the API, shown beside the field.
    await page.getByLabel('Design-level').check();
    await page.getByRole('button', { name: 'Save override' }).click();
    await page.getByText('Give a reason').waitFor();
    await page.getByLabel('Reason (required)').fill('ab');
    await page.getByRole('button', { name: 'Save override' }).click();
    await page.locator('.field-errors', { hasText: 'Reason must be longer than or equal to 3 characters' }).waitFor();

    const reason = 'The loader reads secrets from the repository by design: a design decision, not a coding slip';
    await page.getByLabel('Reason (required)').fill(reason);
    await page.getByRole('button', { name: 'Save override' }).click();
    await page.getByText('Saved: Design-level, decided by a person.').waitFor();

    await page.reload();
    await page.waitForSelector('[data-testid="finding-class"][data-class="design"]');
    expect(await page.getByTestId('finding-class-rule').textContent()).toContain('A person');
    expect(await page.getByTestId('finding-class-reason').textContent()).toContain(reason);
    expect(await page.getByRole('button', { name: 'Return to rules' }).isVisible()).toBe(true);
    await session.screenshot(page, 'finding-detail');

    const detail = await session.api<FindingDetailDto>(`/findings/${target!.id}`);
    expect(detail).toMatchObject({ findingClass: 'design', classRule: 'override' });
    expect(session.pageErrors).toEqual([]);
  });

  it('drills down from a point of the overview chart to the escaped findings behind it', async () => {
    const { page } = session;
    const rates = await session.api<EscapeRateResponse>('/metrics/escape-rate?groupBy=class&bucket=month&boundary=ci');
    const escapedIn = new Set(rates.series.find((series) => series.key === 'design')!.points.filter((point) => point.escaped > 0).map((point) => point.period));

    await page.goto(session.url);
    await page.waitForSelector('[data-testid="escape-rate-chart"][aria-busy="false"]');
    const dots = page.locator('[data-testid="escape-rate-chart"] circle.dot-design');
    // The settled container is there before Recharts has measured it and drawn the points, which it draws
    // together: counted before that, the middle point would be the first one.
    await dots.first().waitFor();
    await dots.nth(Math.floor((await dots.count()) / 2)).hover();
    const active = page.locator('circle.drill-dot[data-series="design"]');
    await active.waitFor();
    const period = (await active.getAttribute('data-period'))!;
    expect(escapedIn.has(period)).toBe(true);
    await active.click();

    await page.waitForURL('**/findings?**');
    await page.waitForSelector(`${SETTLED_TABLE} tbody tr`);
    const to = lastDayOfMonth(period);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ class: 'design', escaped: 'true', from: period, to });
    const expected = await session.api<ApiPage<FindingDto>>(
      `/findings?class=design&escaped=true&boundary=ci&from=${period}&to=${dayAfter(to)}&sort=detected&order=desc&limit=50`,
    );
    expect(expected.items.length).toBeGreaterThan(0);
    expect(await rowIds(page)).toEqual(expected.items.map((item) => item.id));
    expect(session.pageErrors).toEqual([]);
  });

  it("says a finding the API does not know does not exist, instead of a failure to retry", async () => {
    const { page } = session;
    const id = randomUUID();
    expect((await page.request.get(`${session.url}/api/v1/findings/${id}`)).status()).toBe(404);
    await page.goto(`${session.url}/findings/${id}`);
    const answer = page.getByTestId('state-empty');
    await answer.waitFor();
    expect(await answer.locator('.state-title').textContent()).toBe('This finding does not exist');
    expect(await page.getByTestId('state-error').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });

  it('fits a 768 px wide screen without scrolling the page sideways', async () => {
    const narrow = await session.newPage(768);
    try {
      await narrow.goto(`${session.url}/findings?class=design`);
      await narrow.waitForSelector(`${SETTLED_TABLE} tbody tr`);
      expect(await narrow.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
    } finally {
      await narrow.close();
    }
  });
});
