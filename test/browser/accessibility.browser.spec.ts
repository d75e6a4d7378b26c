import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { describeWithBrowser, useDashboardSession } from './support/dashboard-session';

const AXE = path.resolve(__dirname, '../../node_modules/axe-core/axe.min.js');

/** Pages as a person reaches them from the navigation; each is checked once its content has loaded. */
const PAGES: { path: string; ready: string }[] = [
  { path: '/', ready: '[data-testid="escape-rate-chart"][aria-busy="false"]' },
  { path: '/adoption-impact', ready: '[data-testid="verdict"] .recharts-scatter-symbol, [data-testid="event-study-empty"], [data-testid="state-empty"]' },
  { path: '/changes', ready: '[data-testid="changes-table"] tbody tr' },
  { path: '/findings', ready: 'table, [data-testid="state-empty"]' },
  { path: '/threat-models', ready: 'main h1' },
  { path: '/imports', ready: 'main h1' },
  { path: '/teams', ready: 'main h1' },
  { path: '/adoptions', ready: 'main h1' },
  { path: '/settings', ready: 'main h1' },
  { path: '/settings?tab=reports', ready: '[data-testid="report-runs-table"], [data-testid="state-empty"]' },
];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

describeWithBrowser()('accessibility (axe-core) of every page', () => {
  const session = useDashboardSession();

  for (const width of [1280, 768]) {
    for (const { path: pagePath, ready } of PAGES) {
      it(`has no serious or critical violations on ${pagePath} at ${width} px`, async () => {
        // axe-core is injected as a script tag, which the dashboard's strict CSP would otherwise block.
        const page = await session.newPage(width, { bypassCSP: true });
        try {
          await page.goto(`${session.url}${pagePath}`);
          await page.waitForSelector(ready);
          // Charts draw after their data arrives; check the page as people see it, not mid-render.
          await page.waitForLoadState('networkidle');
          expect(await seriousViolations(page)).toEqual([]);
        } finally {
          await page.close();
        }
      });
    }
  }
});
