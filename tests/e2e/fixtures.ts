import { test as base, expect, type Page } from '@playwright/test';
import { smallTimerIds } from './small-timer-ids.mjs';

/** Console errors and uncaught page errors seen during a test. */
export type PageErrors = string[];

/**
 * `test` with an `errors` fixture: every `console.error` message and every uncaught
 * exception (`pageerror`, e.g. a Rust panic via console_error_panic_hook) on the page
 * is collected into it. End a test with `expect(errors).toEqual([])`. When a test
 * fails, the collected errors are attached to the report as `page-errors`.
 */
export const test = base.extend<{ errors: PageErrors }>({
  errors: async ({ page }, use, testInfo) => {
    const errors: PageErrors = [];
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      errors.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.stack || err.message}`));
    await use(errors);
    if (errors.length > 0 && testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('page-errors', { body: errors.join('\n\n'), contentType: 'text/plain' });
    }
  },
});

export { expect };

/** Open the app (relative to baseURL, so it also works under a base sub-path). */
export async function openApp(page: Page, path = './'): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState('load');
}

/**
 * Playwright's fake clock (`page.clock.install`), with the timer and frame ids it hands out made
 * small again (see small-timer-ids.mjs): without, the app's clears would miss.
 */
export async function installClock(page: Page, options: Parameters<Page['clock']['install']>[0]): Promise<void> {
  await page.addInitScript(smallTimerIds);
  await page.clock.install(options);
}

/** Scrolls home down to the settings, which are built as they come near, and waits for them. */
export async function showSettings(page: Page): Promise<void> {
  await page.locator('.settings-place').scrollIntoViewIfNeeded();
  await expect(page.locator('section.settings')).toBeVisible();
}
