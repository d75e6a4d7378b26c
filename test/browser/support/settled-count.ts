import type { Page } from 'playwright-core';

/**
 * How many elements match `selector`, read once there are `expected` of them (or after ten seconds, when the
 * caller's assertion then fails with the count read). A chart's container says its data settled before
 * Recharts has drawn it: the chart takes its data and its reference marks in effects after that render,
 * and measures its size after layout, so a count read the moment the container settled could see the
 * marks of the previous answer, or none yet.
 */
export async function settledCount(page: Page, selector: string, expected: number): Promise<number> {
  await page
    .waitForFunction(({ selector, expected }) => document.querySelectorAll(selector).length === expected, { selector, expected }, { timeout: 10_000 })
    .catch(() => undefined);
  return page.locator(selector).count();
}
