import * as fs from 'node:fs';
import type { ReportRate, TeamDto, TeamReportDto } from '@escapement/domain';
import { pdfText } from '../support/pdf-text';
import { describeWithBrowser, useDashboardSession } from './support/dashboard-session';

const REPORT = '[data-testid="team-report"]';

/** A rate cell as the report writes it, from the API's figures: "12.5% (9 of 72)". */
function rateCell(rate: ReportRate): string {
  return rate.rate === null ? 'no findings' : `${(rate.rate * 100).toFixed(1)}% (${rate.escaped} of ${rate.findings})`;
}

describeWithBrowser()('the quarterly report in a browser', () => {
  const session = useDashboardSession();

  it("shows the chosen team's quarter with the headline figures of the API's report", async () => {
    const { page } = session;
    const teams = await session.api<TeamDto[]>('/teams');
    const team = teams[0]!;
    await page.goto(`${session.url}/report`);
    await page.waitForSelector(`${REPORT} [data-testid="report-headline"]`);

    const quarters = await page.getByTestId('report-quarter').locator('option').evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    // The last complete quarter first; the one before it is a choice a reader makes.
    const quarter = quarters[1]!;
    // Each choice is written into the URL, and the page renders it after the URL changed: the next choice
    // is made once the page shows the previous one (its PDF link carries it), else it would start from the
    // query the page rendered before, without the team.
    const rendered = (params: Record<string, string>) =>
      page.waitForFunction((expected) => {
        const href = document.querySelector('[data-testid="report-pdf"]')?.getAttribute('href');
        const query = new URL(href ?? '/', window.location.href).searchParams;
        return Object.entries(expected).every(([name, value]) => query.get(name) === value);
      }, params);
    await page.getByTestId('report-team').selectOption(team.id);
    await rendered({ team: team.id });
    await page.getByTestId('report-quarter').selectOption(quarter);
    await rendered({ team: team.id, quarter });
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ team: team.id, quarter });

    const report = await session.api<TeamReportDto>(`/reports/team?team=${team.id}&quarter=${quarter}`);
    expect(report.team).toBe(team.name);
    expect(report.period.label).toBe(quarter);
    await page.waitForFunction(
      ({ selector, title }) => document.querySelector(`${selector} h2`)?.textContent === title,
      { selector: REPORT, title: report.title },
    );

    const h = report.headline;
    const expected: Record<string, [string, string]> = {
      'Escape rate, all findings': [rateCell(h.all.current), rateCell(h.all.previous)],
      'Escape rate, design-level': [rateCell(h.design.current), rateCell(h.design.previous)],
      'Escape rate, pattern-level': [rateCell(h.pattern.current), rateCell(h.pattern.previous)],
      Findings: [String(h.all.current.findings), String(h.all.previous.findings)],
      'Production escapes': [String(h.productionEscapes.current), String(h.productionEscapes.previous)],
      'Cost of escapes (relative units)': [String(h.escapeCost.current), String(h.escapeCost.previous)],
    };
    const shown = await page.locator('[data-testid="report-headline"] tbody tr').evaluateAll((rows) =>
      rows.map((row) => [row.querySelector('th')!.textContent!, ...[...row.querySelectorAll('td')].map((cell) => cell.textContent!)]),
    );
    expect(Object.fromEntries(shown.map(([label, current, previous]) => [label, [current, previous]]))).toEqual(expected);
    const headings = await page.locator('[data-testid="report-headline"] thead th').allTextContents();
    expect(headings.slice(1, 3)).toEqual([report.period.label, report.previousPeriod.label]);
    // The demo has findings in every recent quarter: the figures are not all empty.
    expect(h.all.current.findings).toBeGreaterThan(0);

    await session.screenshot(page, 'report');
    expect(session.pageErrors).toEqual([]);
  });

  it("prints through the browser's print, with the controls left off the page", async () => {
    const { page } = session;
    await page.evaluate(() => {
      const counted = window as unknown as { printed: number };
      counted.printed = 0;
      window.print = () => void (counted.printed += 1);
    });
    await page.getByRole('button', { name: 'Print' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.report-controls').isVisible()).toBe(false);
    expect(await page.locator(REPORT).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('.report-controls').isVisible()).toBe(true);
  });

  it('downloads the same report as a PDF', async () => {
    const { page } = session;
    const params = new URL(page.url()).searchParams;
    const report = await session.api<TeamReportDto>(`/reports/team?${params}`);
    const link = page.getByTestId('report-pdf');
    const href = new URL((await link.getAttribute('href'))!, page.url()).toString();
    expect(Object.fromEntries(new URL(href).searchParams)).toEqual(Object.fromEntries(params));

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^escapement-report-${report.period.label.toLowerCase()}-.+\\.pdf$`));
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The same link through the page's session: a download event does not carry the response's headers.
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(pdfText(bytes).text).toContain(report.title);
    expect(session.pageErrors).toEqual([]);
  });

  it("answers a link to a quarter that does not exist with the API's reason, not a failure", async () => {
    const { page } = session;
    await page.goto(`${session.url}/report?quarter=2026-Q9`);
    const answer = page.getByTestId('state-empty');
    await answer.waitFor();
    const refusal = await page.request.get(`${session.url}/api/v1/reports/team?quarter=2026-Q9`);
    expect(refusal.status()).toBe(400);
    const problem = (await refusal.json()) as { detail: string };
    expect(await answer.locator('.state-title').textContent()).toBe('No report for this choice');
    expect(await answer.textContent()).toContain(problem.detail);
    expect(await page.getByTestId('state-error').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});
