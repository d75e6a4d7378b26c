import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ModelComponentDto, ModelThreatDto, ThreatModelDto } from '@escapement/domain';
import { createTestToken } from '../support/principals';
import { describeWithBrowser, useDashboardSession } from './support/dashboard-session';

/** The current version's parts, read from its two endpoints. */
interface VersionDetail {
  components: ModelComponentDto[];
  threats: ModelThreatDto[];
}

const FIXTURE = path.join(__dirname, 'fixtures/identity-api.threat-model.yaml');

describeWithBrowser()('threat models in a browser', () => {
  const session = useDashboardSession();
  let models: ThreatModelDto[] = [];

  it('lists the threat models by service, or says how to import one when there is none', async () => {
    const { page } = session;
    models = await session.api<ThreatModelDto[]>('/threat-models');
    await page.goto(`${session.url}/threat-models`);

    if (models.length === 0) {
      // The demo organisation may come without models: the page must then say how to import one.
      await page.getByTestId('state-empty').waitFor();
      expect(await page.getByTestId('state-empty').textContent()).toContain('curl -X POST');
      await session.screenshot(page, 'threat-models-empty');

      // Uploaded as a CI job would: with a token allowed to publish models.
      const publisher = await createTestToken(session.app, { name: 'threat-model-publisher', scopes: ['threat-models:write'] });
      const imported = await fetch(`${session.url}/api/v1/threat-models?service=identity-api&effectiveFrom=2025-01-01&fileName=identity-api.yaml`, {
        method: 'POST',
        headers: { 'content-type': 'application/yaml', authorization: `Bearer ${publisher.secret}` },
        body: fs.readFileSync(FIXTURE),
      });
      expect(imported.status).toBe(201);
      models = await session.api<ThreatModelDto[]>('/threat-models');
      await page.reload();
    }

    await page.getByTestId('threat-model-list').waitFor();
    const rows = page.locator('[data-testid="threat-model-list"] tbody tr');
    expect(await rows.count()).toBe(models.length);
    for (const model of models) expect(await page.getByRole('link', { name: model.name, exact: true }).count()).toBeGreaterThan(0);
    await page.getByTestId('leaking-components').or(page.getByText('No escaped finding lies in a modelled component yet.')).first().waitFor();
    await session.screenshot(page, 'threat-models');
    expect(session.pageErrors).toEqual([]);
  });

  it('ranks the components that leak the most across all models, as the API counts them', async () => {
    const { page } = session;
    const gaps = await session.api<{ series: { key: string; points: { escaped: number }[] }[] }>('/metrics/gaps?groupBy=component&bucket=quarter&boundary=ci');
    const totals = gaps.series
      .filter((s) => s.key !== '(unmodelled)')
      .map((s) => s.points.reduce((n, p) => n + p.escaped, 0))
      .filter((n) => n > 0)
      .sort((a, b) => b - a);
    await page.goto(`${session.url}/threat-models`);
    if (totals.length === 0) {
      await page.getByText('No escaped finding lies in a modelled component yet.').waitFor();
      return;
    }
    await page.getByTestId('leaking-components').waitFor();
    const escaped = await page.locator('[data-testid="leaking-components"] tbody tr td:nth-child(3)').allTextContents();
    expect(escaped.map(Number)).toEqual(totals.slice(0, 10));
  });

  it('shows a model with its components per PWNISMS layer, its threats, and its context and model gaps', async () => {
    const { page } = session;
    const model = models.find((candidate) => candidate.service === 'identity-api') ?? models[0]!;
    await page.getByRole('link', { name: model.name, exact: true }).first().click();
    await page.waitForURL(`**/threat-models/${model.id}`);
    await page.getByTestId('layer-heat-map').waitFor();

    // The page opens on the latest version, which these endpoints describe.
    const version: VersionDetail = {
      components: await session.api<VersionDetail['components']>(`/threat-models/${model.id}/components`),
      threats: await session.api<VersionDetail['threats']>(`/threat-models/${model.id}/threats`),
    };
    // Every component has a row in the heat map, under its own layer.
    const rows = await page.locator('[data-testid="layer-heat-map"] tbody tr[data-component]').evaluateAll((trs) =>
      trs.map((tr) => [tr.closest('tbody')!.getAttribute('data-layer'), tr.getAttribute('data-component')]),
    );
    expect(rows.map(([, key]) => key).sort()).toEqual(version.components.map((component) => component.key).sort());
    for (const [layer, key] of rows) {
      const component = version.components.find((candidate) => candidate.key === key)!;
      expect(layer).toBe(component.layer ?? 'none');
    }
    expect(await page.locator('[data-testid="model-components"] tbody tr').count()).toBe(version.components.length);
    expect(await page.locator('[data-testid="model-threats"] tbody tr').count()).toBe(version.threats.length);

    // How often each component's context was fetched, against how often it escaped.
    const usage = await session.api<{ components: { name: string; fetched: number; escapes: number }[] }>(`/context-usage?service=${encodeURIComponent(model.service)}`);
    await page.getByTestId('context-usage').waitFor();
    const usageRows = await page.locator('[data-testid="context-usage"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')));
    expect(usageRows.map((cells) => [cells[0], Number(cells[2]), Number(cells[4])])).toEqual(usage.components.map((c) => [c.name, c.fetched, c.escapes]));

    // The gap lists link to the findings' details.
    await page.locator('[data-testid="context-gaps"] .short-list, [data-testid="context-gaps"] [data-testid="state-empty"]').first().waitFor();
    await page.locator('[data-testid="model-gaps"] .short-list, [data-testid="model-gaps"] [data-testid="state-empty"]').first().waitFor();
    const gapLinks = page.locator('[data-testid="context-gaps"] .short-list a, [data-testid="model-gaps"] .short-list a');
    expect(await gapLinks.count()).toBeGreaterThan(0);
    await session.screenshot(page, 'threat-model');

    await gapLinks.first().click();
    await page.waitForURL('**/findings/**');
    await page.getByTestId('finding-threat-model').waitFor();
    expect(await page.getByTestId('finding-gap').textContent()).toMatch(/^(Context gap|Model gap):/);
    expect(session.pageErrors).toEqual([]);
  });

  it("says a threat model the API does not know does not exist, instead of a failure to retry", async () => {
    const { page } = session;
    const id = randomUUID();
    expect((await page.request.get(`${session.url}/api/v1/threat-models/${id}`)).status()).toBe(404);
    await page.goto(`${session.url}/threat-models/${id}`);
    const answer = page.getByTestId('state-empty');
    await answer.waitFor();
    expect(await answer.locator('.state-title').textContent()).toBe('This threat model does not exist');
    expect(await page.getByTestId('state-error').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });

  it('fits a 768 px wide screen without scrolling the page sideways', async () => {
    const narrow = await session.newPage(768);
    try {
      await narrow.goto(`${session.url}/threat-models/${models[0]!.id}`);
      await narrow.getByTestId('layer-heat-map').waitFor();
      expect(await narrow.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
    } finally {
      await narrow.close();
    }
  });
});
