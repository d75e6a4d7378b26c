import type { AdoptionDto, AdoptionImpactResponse, PracticeImpactResponse } from '@escapement/domain';
import { describeWithBrowser, useDashboardSession } from './support/dashboard-session';
import { settledCount } from './support/settled-count';

const VERDICT = '[data-testid="verdict"]';
const EVENT_STUDY = `${VERDICT} [data-testid="event-study"]`;
const BARS = '[data-testid="impact-bars"]';
const LABELS: Record<string, string> = {
  'likely-real': 'Likely real',
  'no-important-change': 'No important change',
  'too-little-data': 'Too little data to tell',
  'no-control': 'No control group',
};

describeWithBrowser()('adoption impact in a browser', () => {
  const session = useDashboardSession();
  let adoptions: AdoptionDto[];
  beforeAll(async () => {
    adoptions = [...(await session.api<AdoptionDto[]>('/adoptions'))].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  });

  it('leads with the primary, control-adjusted verdict and its event study; the adopters’ own before/after comes after it', async () => {
    const { page } = session;
    const earliest = adoptions[0]!;
    const impact = await session.api<AdoptionImpactResponse>(`/metrics/adoption-impact?adoption=${earliest.id}`);
    const lead = impact.verdict.classes[0]!;

    await page.goto(`${session.url}/adoption-impact`);
    await page.waitForURL((url) => url.searchParams.get('adoption') === earliest.id);
    await page.waitForSelector(`${VERDICT}[data-analysis="primary"]`);
    expect(await page.locator(`${VERDICT} [data-testid="verdict-code"]`).innerText()).toBe(LABELS[lead.verdict.code]);
    expect(await page.locator(`${VERDICT} [data-testid="verdict-words"]`).innerText()).toBe(lead.verdict.words);
    expect(await page.locator(`${VERDICT} [data-testid="verdict-analysis"]`).innerText()).toContain('Primary analysis, fixed when the adoption was recorded');
    expect(await page.locator(`${VERDICT} [data-testid="verdict-p"]`).innerText()).toContain(`${lead.units.adopting} adopting and ${lead.units.control} control`);
    expect(await page.locator(`${VERDICT} [data-testid="verdict-horizon"]`).innerText()).toMatch(new RegExp(`^${impact.verdict.horizon.horizonDays} days: `));
    expect(await page.locator(`${VERDICT} [data-testid="verdict-sensitivity"]`).innerText()).toMatch(/first detection/);
    expect(await page.getByRole('heading', { name: 'What this verdict cannot tell' }).count()).toBe(1);

    // The event study: one point per quarter with an estimate, a zero line, the adoption marker, and the warning exactly when the pre-trends differed.
    await page.waitForSelector(`${EVENT_STUDY} .recharts-scatter-symbol`);
    const withEstimate = lead.eventStudy.filter((p) => p.estimate !== null).length;
    expect(await page.locator(`${EVENT_STUDY} .recharts-scatter-symbol`).count()).toBe(withEstimate);
    expect(await page.locator(`${EVENT_STUDY} .recharts-reference-line.zero-line`).count()).toBe(1);
    expect(await page.locator(`${EVENT_STUDY} .recharts-reference-line.adoption-line`).count()).toBe(1);
    expect(await page.locator(`${VERDICT} [data-testid="pre-trend-warning"]`).count()).toBe(lead.preTrend.differs ? 1 : 0);

    // The adopters' own before/after, only below the verdict.
    await page.waitForSelector(`${BARS} .recharts-bar-rectangle`);
    const verdictFirst = await page.evaluate(
      ([verdict, bars]) => Boolean(document.querySelector(verdict)!.compareDocumentPosition(document.querySelector(bars)!) & Node.DOCUMENT_POSITION_FOLLOWING),
      [VERDICT, BARS],
    );
    expect(verdictFirst).toBe(true);
    // The trend below is a request of its own, shaded once both it and the impact have answered.
    expect(await settledCount(page, '[data-testid="escape-rate-chart"] .window-area', 2)).toBe(2);

    await session.screenshot(page, 'adoption-impact');
    await page.locator(VERDICT).screenshot({ path: session.screenshotPath('adoption-impact-verdict') });
    await page.locator(EVENT_STUDY).screenshot({ path: session.screenshotPath('adoption-impact-event-study') });
    expect(session.pageErrors).toEqual([]);
  });

  it('does not call the Mobile adoption, which has no real effect, "likely real"', async () => {
    const page = await session.newPage();
    const mobile = adoptions.find((a) => a.teamName === 'Mobile')!;
    const impact = await session.api<AdoptionImpactResponse>(`/metrics/adoption-impact?adoption=${mobile.id}`);
    expect(impact.verdict.analysis).toBe('primary');
    expect(impact.verdict.classes[0]!.verdict.code).not.toBe('likely-real');
    await page.goto(`${session.url}/adoption-impact?adoption=${mobile.id}`);
    await page.waitForSelector(`${VERDICT}[data-analysis="primary"]`);
    expect(await page.locator(`${VERDICT} [data-testid="verdict-lead"]`).getAttribute('data-code')).toBe(impact.verdict.classes[0]!.verdict.code);
    expect(await page.locator(`${VERDICT} [data-testid="verdict-code"]`).innerText()).not.toBe('Likely real');
    await page.close();
    expect(session.pageErrors).toEqual([]);
  });

  it('offers every adoption of the practice pooled, and labels a changed setting exploratory', async () => {
    const page = await session.newPage();
    const earliest = adoptions[0]!;
    const pooled = await session.api<PracticeImpactResponse>(`/metrics/adoption-impact?practice=${encodeURIComponent(earliest.practice)}`);
    await page.goto(`${session.url}/adoption-impact?adoption=${earliest.id}`);
    await page.waitForSelector(VERDICT);
    const asked = page.waitForResponse((response) => new URL(response.url()).searchParams.get('practice') === earliest.practice);
    // A click, not check(): the radio is controlled by the URL, which updates after the click returns.
    await page.getByLabel(/Every adoption of/).click();
    expect((await asked).status()).toBe(200);
    await page.waitForURL((url) => url.searchParams.get('pooled') === '1');
    expect(await page.getByLabel(/Every adoption of/).isChecked()).toBe(true);
    await page.waitForSelector(`${EVENT_STUDY} .recharts-scatter-symbol`);
    expect(await page.locator(`${VERDICT} h2`).innerText()).toContain(`every adoption of ${earliest.practice}, pooled (${pooled.verdict.adoptions.length} adoptions)`);
    expect(await page.locator(`${VERDICT} [data-testid="verdict-lead"]`).getAttribute('data-code')).toBe(pooled.verdict.classes[0]!.verdict.code);
    await session.screenshot(page, 'adoption-impact-pooled');

    await page.getByLabel('Escape boundary').selectOption('production');
    await page.waitForURL((url) => url.searchParams.get('boundary') === 'production');
    await page.waitForSelector(`${VERDICT}[data-analysis="exploratory"]`);
    expect(await page.locator(`${VERDICT} [data-testid="verdict-analysis"]`).innerText()).toContain('Exploratory: the escape boundary differs from the primary analysis');
    await page.close();
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
    await page.waitForSelector(`${VERDICT}, [data-testid="state-empty"]`);
    expect(session.pageErrors).toEqual([]);
  });
});
