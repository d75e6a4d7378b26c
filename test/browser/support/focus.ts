import type { Page } from 'playwright-core';

/**
 * The focused element's attribute, read once focus has reached an element where it is `expected` (or after
 * ten seconds, when the caller's assertion then fails with what was focused). The forms move focus in the
 * animation frame after their message renders, so reading it the moment the message showed raced that
 * frame on a busy machine.
 */
export async function focusedAttribute(page: Page, name: string, expected: string): Promise<string | null> {
  const read = `document.activeElement?.getAttribute(${JSON.stringify(name)}) ?? null`;
  await page.waitForFunction(`(${read}) === ${JSON.stringify(expected)}`, undefined, { timeout: 10_000 }).catch(() => undefined);
  return page.evaluate<string | null>(read);
}
