import type { AdoptionDto } from '@escapement/domain';
import { describeWithBrowser, useDashboardSession } from './support/dashboard-session';

interface ImpactResponse {
  adoption: { id: string };
  classes: { class: string; treated: { before: { total: number }; after: { total: number }; comparison: { verdict: string } | null } }[];
}

const BARS = '[data-testid="impact-bars"]';

describeWithBrowser()('adoption impact in a browser', () => {
  const session = useDashboardSession();

  it('opens the earliest adoption and shows bars and the verdict for each class', async () => {
    const { page } = session;
    const adoptions = await session.api<AdoptionDto[]>('/adoptions');
    const earliest = [...adoptions].sort((a, b) => a.startedAt.localeCompare(b.startedAt))[0]!;
    const impact = await session.api<ImpactResponse>(`/metrics/adoption-impact?adoption=${earliest.id}`);

    await page.goto(`${session.url}/adoption-impact`);
    await page.waitForURL((url) => url.searchParams.get('adoption') === earliest.id);
    await page.waitForSelector(`${BARS} .recharts-bar-rectangle`);

    for (const side of ['before', 'after'] as const) {
      const withData = impact.classes.filter((entry) => entry.treated[side].total > 0).length;
      expect(await page.locator(`${BARS} .bar-${side} .recharts-bar-rectangle`).count()).toBe(withData);
    }
    for (const entry of impact.classes) {
      if (entry.treated.comparison === null) continue;
      expect(await page.locator(`[data-testid="verdict-${entry.class}"]`).innerText()).toBe(entry.treated.comparison.verdict);
    }
    expect(await page.getByText(/^(Likely real|Could be chance)\.$/).count()).toBe(impact.classes.filter((entry) => entry.treated.comparison).length);
    expect(await page.locator('[data-testid="escape-rate-chart"] .window-area').count()).toBe(2);
    expect(await page.locator('[data-testid="escape-rate-chart"] .recharts-reference-line.adoption-line').count()).toBeGreaterThanOrEqual(1);

    await session.screenshot(page, 'adoption-impact');
    expect(session.pageErrors).toEqual([]);
  });

  it('puts a chosen team into the URL and shows its first adoption', async () => {
    const { page } = session;
    const teamSelect = page.getByLabel('Or a team');
    const value = await teamSelect.locator('option').nth(1).getAttribute('value');
    const refetch = page.waitForResponse((response) => new URL(response.url()).searchParams.get('team') === value);
    await teamSelect.selectOption(value!);
    expect((await refetch).status()).toBeLessThan(500);
    await page.waitForURL((url) => url.searchParams.get('team') === value && !url.searchParams.has('adoption'));
    await page.waitForSelector(`${BARS}, [data-testid="state-empty"]`);
    expect(session.pageErrors).toEqual([]);
  });
});
